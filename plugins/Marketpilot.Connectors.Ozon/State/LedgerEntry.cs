using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Ozon.State;

/// <summary>
/// One idempotency key, as one line of <c>ledger.jsonl</c>: applied or rejected for good, or (retryable) sent and not yet
/// answered.
/// </summary>
internal sealed record LedgerEntry(string Key, string Sku, ActionResultStatus Status, string? Reason, string? CreatedId, DateTimeOffset At)
{
    public ActionResult ToResult() => new(Key, Status, Reason, CreatedId);
}
