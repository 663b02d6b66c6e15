using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Sdk.Conformance;

/// <summary>How <see cref="ChannelConformance"/> exercises a notification channel, and how it sees what arrived.</summary>
/// <remarks>
/// <para>
/// A channel delivers to something real (a mail server, a chat, a webhook). Point the channel under test at a
/// test endpoint you run in the test — a loopback HTTP receiver, an SMTP server on a free port — and let the kit
/// look at that endpoint through <see cref="CountDeliveries"/>.
/// </para>
/// <para>
/// The checks that deliver (<see cref="ConformanceCheckNames.ChannelDelivers"/>, <see cref="ConformanceCheckNames.ChannelRepeatSafe"/>,
/// <see cref="ConformanceCheckNames.ChannelConcurrentSends"/>) run only with <see cref="IncludeSendChecks"/>. The others
/// deliver nothing when the channel keeps the contract (they send malformed notifications or use a cancelled token), so
/// <c>marketpilot plugins verify</c> runs them against the configured channel.
/// </para>
/// </remarks>
public sealed record ChannelConformanceOptions
{
    /// <summary>Whether to run the checks that deliver notifications to the channel's endpoint.</summary>
    /// <value>The default is <see langword="true"/>; when <see langword="false"/> those checks are skipped with the reason.</value>
    public bool IncludeSendChecks { get; init; } = true;

    /// <summary>A recipient the channel serves and delivers to at its test endpoint (a role such as <c>purchasing</c>).</summary>
    /// <value>The default is <c>manager</c>.</value>
    public string Recipient { get; init; } = "manager";

    /// <summary>How long one channel call (and one <see cref="CountDeliveries"/> call) may take before the check fails.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many notifications <see cref="ConformanceCheckNames.ChannelConcurrentSends"/> sends at the same time.</summary>
    /// <value>The default is 8; from 2 to 100.</value>
    public int ConcurrentSends { get; init; } = 8;

    /// <summary>
    /// Counts how many times the test endpoint has received a notification, matched by its
    /// <see cref="Notification.IdempotencyKey"/> (a webhook's <c>Idempotency-Key</c> header, a mail header). Called after
    /// <see cref="INotificationChannel.SendAsync"/> returned, so the count must include everything delivered by then.
    /// </summary>
    /// <value>The default, <see langword="null"/>, checks only the returned results, not what arrived.</value>
    public Func<Notification, CancellationToken, Task<int>>? CountDeliveries { get; init; }

    /// <summary>
    /// Creates a channel like the one under test but configured for an endpoint that does not answer (a closed loopback
    /// port), for <see cref="ConformanceCheckNames.ChannelUnreachableRetryable"/>.
    /// </summary>
    /// <value>The default, <see langword="null"/>, skips that check.</value>
    public Func<INotificationChannel>? CreateUnreachableChannel { get; init; }

    /// <summary>The plugin folder whose <c>plugin.json</c> <see cref="ConformanceCheckNames.ChannelManifestKind"/> reads.</summary>
    /// <value>The default, <see langword="null"/>, skips that check.</value>
    public string? PluginFolder { get; init; }
}
