using Marketpilot.Sdk.Actions;

namespace Marketpilot.Connectors.Simulator;

/// <summary>One delivery of an action to the simulator, as one line of <c>ledger.jsonl</c>.</summary>
/// <param name="Key">The idempotency key.</param>
/// <param name="Sku">The SKU the action was for.</param>
/// <param name="Kind">The action's kind.</param>
/// <param name="Outcome">One of <see cref="Applied"/>, <see cref="Duplicate"/> or <see cref="Rejected"/>.</param>
/// <param name="Day">The simulated day the action takes effect from (the shop's day index when it was applied).</param>
/// <param name="Action">The action as sent.</param>
/// <param name="CreatedId">What an applied action created (a coupon's id); repeated on its duplicates.</param>
/// <param name="Reason">Why a rejected action was refused.</param>
/// <param name="At">When the delivery was answered, by the connector's clock.</param>
internal sealed record LedgerEntry(
    string Key, string Sku, ActionKind Kind, string Outcome, int Day, RuleAction Action, string? CreatedId, string? Reason, DateTimeOffset At)
{
    /// <summary>The first delivery of a key, applied to the shop.</summary>
    public const string Applied = "applied";

    /// <summary>A key applied before, answered as applied without applying it again.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>An action the shop refused; nothing changed.</summary>
    public const string Rejected = "rejected";
}
