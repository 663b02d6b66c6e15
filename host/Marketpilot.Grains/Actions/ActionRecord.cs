using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Grains.Actions;

/// <summary>One entry of the action log.</summary>
/// <param name="ActionId">Unique id; also the idempotency key sent to the connector.</param>
/// <param name="RuleId">The rule that proposed it.</param>
/// <param name="RuleVersion">The rule version (content hash) that proposed it.</param>
/// <param name="Sku">The SKU it is for.</param>
/// <param name="Action">What to do, with its parameters.</param>
/// <param name="Status">
/// Proposed (pending: not applied yet, and tried again later when an attempt failed in a way that may pass),
/// applied, rejected (refused for good) or failed (gave up after <see cref="ActionDispatchOptions.MaxAttempts"/>).
/// </param>
/// <param name="StatusReason">Why it was rejected or failed, or which connector applied it.</param>
/// <param name="ProposedAt">When the rule proposed it.</param>
/// <param name="UpdatedAt">When the status last changed.</param>
/// <param name="Attempts">How many times the action was handed to a connector or channel.</param>
/// <param name="NextAttemptAt">While proposed, when it is (re)tried at the earliest; <see langword="null"/> once settled.</param>
[GenerateSerializer]
[Alias("Marketpilot.Grains.Actions.ActionRecord")]
public sealed record ActionRecord(
    string ActionId,
    string RuleId,
    string RuleVersion,
    SkuKey Sku,
    RuleAction Action,
    ActionStatus Status,
    string? StatusReason,
    DateTimeOffset ProposedAt,
    DateTimeOffset UpdatedAt,
    int Attempts = 0,
    DateTimeOffset? NextAttemptAt = null)
{
    /// <summary>The kind of <see cref="Action"/>.</summary>
    public ActionKind Kind => Action.Kind;
}
