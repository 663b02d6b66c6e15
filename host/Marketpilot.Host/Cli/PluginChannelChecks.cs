using Marketpilot.Sdk.Conformance;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Host.Cli;

/// <summary>The channel part of <c>plugins verify</c>: the kit's channel checks against each channel a plugin registered.</summary>
internal static class PluginChannelChecks
{
    private static readonly HashSet<string> SendChecks =
        [ConformanceCheckNames.ChannelDelivers, ConformanceCheckNames.ChannelRepeatSafe, ConformanceCheckNames.ChannelConcurrentSends];

    /// <summary>
    /// Runs every channel check on each channel, through the host's guard as the dispatcher calls it. Without
    /// <paramref name="send"/> the checks that deliver are skipped: the configured channel reaches real people.
    /// </summary>
    public static async Task<List<ConformanceCheckResult>> RunAsync(
        IReadOnlyList<INotificationChannel> channels, string pluginFolder, bool send, string recipient, CancellationToken cancellationToken)
    {
        var results = new List<ConformanceCheckResult>();
        var options = new ChannelConformanceOptions { IncludeSendChecks = send, Recipient = recipient, PluginFolder = pluginFolder };
        if (channels.Count == 0)
        {
            // kinds-provided already fails; name each check so the output shows what did not run.
            results.Add(await new ChannelConformance(() => throw new InvalidOperationException("no channel"), options).RunAsync(ConformanceCheckNames.ChannelManifestKind, cancellationToken));
            results.AddRange(ConformanceCheckNames.Channel.Skip(1).Select(name =>
                new ConformanceCheckResult(name, ConformanceOutcome.Skipped, "the plugin registered no channel with the current configuration (see kinds-provided)")));
            return results;
        }

        foreach (var channel in channels)
        {
            var prefix = channels.Count > 1 ? $"{channel.Name}:" : "";
            foreach (var result in await new ChannelConformance(() => channel, options).RunAllAsync(cancellationToken))
            {
                results.Add(result with
                {
                    Name = prefix + result.Name,
                    Message = result.Outcome == ConformanceOutcome.Skipped && SendChecks.Contains(result.Name)
                        ? "delivers a notification through the configured channel; pass --send once its configuration points at a test endpoint"
                        : result.Outcome == ConformanceOutcome.Skipped && result.Name == ConformanceCheckNames.ChannelUnreachableRetryable
                        ? "needs the channel configured for an endpoint that does not answer; the plugin's own tests run it (ChannelConformanceTests)"
                        : result.Message,
                });
            }
        }

        return results;
    }
}
