using System.Globalization;
using Marketpilot.Emulators.Hosting;
using Microsoft.Extensions.Logging.Testing;

namespace Marketpilot.Channels.Testing;

/// <summary>
/// A started gateway emulator and the channels a test made against it, disposed together, with what the channels logged.
/// Shared with the sms channel's tests (linked source).
/// </summary>
/// <typeparam name="TEmulator">The gateway emulator.</typeparam>
/// <typeparam name="TChannel">The channel under test.</typeparam>
internal abstract class ChannelFixture<TEmulator, TChannel>(TEmulator emulator) : IAsyncDisposable
    where TEmulator : LoopbackEmulator
    where TChannel : IDisposable
{
    private readonly List<TChannel> _channels = [];

    public TEmulator Emulator { get; } = emulator;

    public FakeLogger<TChannel> Logger { get; } = new();

    /// <summary>The waits the channel logged before each retry.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays =>
        [.. Logger.Collector.GetSnapshot()
            .Select(r => r.StructuredState?.FirstOrDefault(p => p.Key == "Delay").Value)
            .OfType<string>()
            .Select(v => TimeSpan.Parse(v, CultureInfo.InvariantCulture))];

    /// <summary>Every log line with its properties and exception, to look for what must never be logged.</summary>
    public string AllLogs =>
        string.Join("\n", Logger.Collector.GetSnapshot().Select(r => $"{r.Message} {string.Join(", ", r.StructuredState ?? [])} {r.Exception}"));

    public async ValueTask DisposeAsync()
    {
        _channels.ForEach(c => c.Dispose());
        await Emulator.DisposeAsync();
    }

    protected TChannel Track(TChannel channel)
    {
        _channels.Add(channel);
        return channel;
    }
}
