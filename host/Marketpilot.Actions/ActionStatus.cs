using System.Text.Json.Serialization;

namespace Marketpilot.Actions;

/// <summary>Where an action is in its life, as the action log records it.</summary>
[GenerateSerializer]
[Alias("Marketpilot.Grains.Actions.ActionStatus")]
public enum ActionStatus
{
    /// <summary>
    /// Approved by the guardrails and waiting in the outbox: not applied yet. An attempt that failed in a way that may
    /// pass (connector or channel down, timed out, faulted) leaves it proposed; it is retried later with the same
    /// idempotency key.
    /// </summary>
    Proposed,

    /// <summary>The connector or channel carried it out.</summary>
    Applied,

    /// <summary>It was refused: by a guardrail (<see cref="ActionRecord.Guardrail"/> says which), by the marketplace, or because nothing can apply it.</summary>
    Rejected,

    /// <summary>Applying it failed on every attempt up to <see cref="ActionDispatchOptions.MaxAttempts"/>; it is not tried again.</summary>
    Failed,

    /// <summary>Its rule is in dry-run mode: recorded as it would have gone, never sent.</summary>
    [JsonStringEnumMemberName("dry-run")]
    DryRun,

    /// <summary>Its SKU is in the control group of the rule's rollout: recorded as what would have happened, never sent.</summary>
    Control,
}
