using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Actions.Dispatch;

/// <summary>Carries out actions through connectors and notification channels.</summary>
public interface IActionDispatcher
{
    /// <summary>Dispatches logged actions and reports one outcome per record, in record order.</summary>
    /// <param name="records">The actions; each one's id is its idempotency key.</param>
    /// <param name="cancellationToken">Cancels the dispatch.</param>
    /// <returns>
    /// One outcome per record. Never throws for a connector or channel fault: nothing able to apply an action gives
    /// <see cref="ActionResultStatus.Rejected"/>; a throw, a timeout or a missing answer gives
    /// <see cref="ActionResultStatus.RetryableFailure"/> with the reason.
    /// </returns>
    Task<IReadOnlyList<DispatchOutcome>> DispatchAsync(IReadOnlyList<ActionRecord> records, CancellationToken cancellationToken);
}

/// <summary>What became of one dispatched action.</summary>
/// <param name="ActionId">The action.</param>
/// <param name="Status">Applied, rejected or a retryable failure.</param>
/// <param name="Reason">Why, or who applied it.</param>
/// <param name="CreatedId">What the marketplace created (a coupon's id), when it says.</param>
/// <param name="Deliveries">For a notification, every channel's result so far.</param>
/// <param name="RetryAfter">For a retryable failure, the wait the marketplace asked for (<see cref="MarketplaceRateLimitedException"/>); the outbox waits at least that long.</param>
public sealed record DispatchOutcome(
    string ActionId, ActionResultStatus Status, string? Reason, string? CreatedId = null, IReadOnlyList<ChannelDelivery>? Deliveries = null, TimeSpan? RetryAfter = null);
