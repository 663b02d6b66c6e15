using System.ComponentModel.DataAnnotations;

namespace Marketpilot.Actions.Dispatch;

/// <summary>How the outbox hands actions to connectors and notification channels; bound to <c>Marketpilot:Actions</c>.</summary>
public sealed class ActionDispatchOptions
{
    /// <summary>The configuration section these options are bound to.</summary>
    public const string SectionName = "Marketpilot:Actions";

    /// <summary>How long after a retryable failure the action is tried again; the wait doubles with every failed attempt.</summary>
    /// <value>The default is 10000 ms.</value>
    [Range(10, 86_400_000)]
    public int RetryDelayMilliseconds { get; set; } = 10_000;

    /// <summary>The longest wait between two attempts of one action.</summary>
    /// <value>The default is 600000 ms (10 minutes).</value>
    [Range(10, 86_400_000)]
    public int MaxRetryDelayMilliseconds { get; set; } = 600_000;

    /// <summary>
    /// How many attempts an action gets before it is marked failed for good; 0 retries for ever. Every attempt uses the
    /// action's id as idempotency key, so a connector never applies it twice.
    /// </summary>
    /// <value>The default is 20 (about 2.5 hours with the default delays).</value>
    [Range(0, 100_000)]
    public int MaxAttempts { get; set; } = 20;

    /// <summary>How many shops the outbox dispatcher serves at once; each shop's batch goes out as one unit.</summary>
    /// <value>The default is 4.</value>
    [Range(1, 256)]
    public int MaxConcurrentShops { get; set; } = 4;

    /// <summary>How often the outbox dispatcher looks for due actions when nothing wakes it (a new action wakes it at once).</summary>
    /// <value>The default is 5000 ms.</value>
    [Range(10, 3_600_000)]
    public int RetryPollMilliseconds { get; set; } = 5_000;

    /// <summary>How many due actions the outbox dispatcher takes at a time.</summary>
    /// <value>The default is 100.</value>
    [Range(1, 1000)]
    public int RetryBatchSize { get; set; } = 100;
}
