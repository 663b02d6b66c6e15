using Marketpilot.Actions.Guardrails;
using Marketpilot.Actions.Undo;
using Marketpilot.Actions.Dispatch;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Actions;

/// <summary>One entry of the action log.</summary>
/// <param name="ActionId">
/// Derived from what caused the action (<see cref="ActionIds"/>), so a replay after a crash gives the same id; also the
/// idempotency key sent to the connector.
/// </param>
/// <param name="RuleId">The rule that proposed it.</param>
/// <param name="RuleVersion">The rule version (content hash) that proposed it.</param>
/// <param name="Sku">The SKU it is for.</param>
/// <param name="Action">What to do, with its parameters.</param>
/// <param name="Status">Proposed (approved and waiting in the outbox), applied, rejected, failed, dry-run or control.</param>
/// <param name="StatusReason">Why it was rejected or failed, or which connector applied it.</param>
/// <param name="ProposedAt">When the rule proposed it.</param>
/// <param name="UpdatedAt">When the status last changed.</param>
/// <param name="Attempts">How many times the action was handed to a connector or channel.</param>
/// <param name="NextAttemptAt">While proposed, when it is (re)tried at the earliest; <see langword="null"/> once settled.</param>
/// <param name="Guardrail">The guardrail that refused it, with its limit and the requested value; <see langword="null"/> unless a guardrail did.</param>
/// <param name="Replaced">The values the action replaces, as the host knew them when it approved it; what undo restores.</param>
/// <param name="UndoOf">The id of the action this one undoes; <see langword="null"/> for a rule's own action.</param>
/// <param name="CreatedId">The marketplace's id of what the action created (a coupon), once applied.</param>
/// <param name="Deliveries">For a notification, what each channel did with it; a channel that delivered is never sent it again.</param>
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
    DateTimeOffset? NextAttemptAt = null,
    GuardrailRejection? Guardrail = null,
    ReplacedValues? Replaced = null,
    string? UndoOf = null,
    string? CreatedId = null,
    IReadOnlyList<ChannelDelivery>? Deliveries = null)
{
    /// <summary>The kind of <see cref="Action"/>.</summary>
    public ActionKind Kind => Action.Kind;
}
