using System.Globalization;
using Microsoft.Extensions.Logging.Testing;

namespace Marketpilot.Channels.Testing;

/// <summary>What a channel logged, read from a <see cref="FakeLogCollector"/>. Shared with the sms channel's tests (linked source).</summary>
public static class ChannelLogs
{
    /// <summary>The waits the channel logged before each retry.</summary>
    public static IReadOnlyList<TimeSpan> RetryDelays(this FakeLogCollector logs) =>
        [.. logs.GetSnapshot()
            .Select(r => r.StructuredState?.FirstOrDefault(p => p.Key == "Delay").Value)
            .OfType<string>()
            .Select(v => TimeSpan.Parse(v, CultureInfo.InvariantCulture))];

    /// <summary>Every log line with its properties and exception, to look for what must never be logged.</summary>
    public static string AllText(this FakeLogCollector logs) =>
        string.Join("\n", logs.GetSnapshot().Select(r => $"{r.Message} {string.Join(", ", r.StructuredState ?? [])} {r.Exception}"));
}
