namespace Marketpilot.Grains.Actions;

/// <summary>Where an action is in its life, as the action log records it.</summary>
[GenerateSerializer]
[Alias("Marketpilot.Grains.Actions.ActionStatus")]
public enum ActionStatus
{
    /// <summary>
    /// Pending: a rule proposed it and it has not been applied yet. An attempt that failed in a way that may pass
    /// (connector or channel down, timed out, faulted) leaves it proposed; it is retried later with the same idempotency key.
    /// </summary>
    Proposed,

    /// <summary>The connector or channel carried it out.</summary>
    Applied,

    /// <summary>It was refused (by the marketplace, or because nothing can apply it).</summary>
    Rejected,

    /// <summary>Applying it failed on every attempt up to <see cref="ActionDispatchOptions.MaxAttempts"/>; it is not tried again.</summary>
    Failed,
}
