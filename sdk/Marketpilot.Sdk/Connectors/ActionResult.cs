namespace Marketpilot.Sdk.Connectors;

/// <summary>What became of one <see cref="ActionRequest"/>.</summary>
/// <param name="IdempotencyKey">The key of the request this result answers.</param>
/// <param name="Status">Applied, rejected or failed.</param>
/// <param name="Reason">The marketplace's reason when not applied; shown to the seller.</param>
/// <param name="CreatedId">
/// The marketplace's id of what an applied action created, such as the coupon of a
/// <see cref="Actions.CreateCoupon"/>; the host keeps it to undo the action (<see cref="Actions.CancelCoupon"/>).
/// Report the same id again when a repeated key is answered as applied.
/// </param>
public sealed record ActionResult(string IdempotencyKey, ActionResultStatus Status, string? Reason = null, string? CreatedId = null)
{
    /// <summary>
    /// For a <see cref="ActionResultStatus.RetryableFailure"/>: how long the marketplace asked to wait before this action is
    /// sent again (its <c>Retry-After</c> on the request that carried it); <see langword="null"/> when it asked for none.
    /// </summary>
    /// <remarks>
    /// The per-action form of <see cref="MarketplaceRateLimitedException"/>: set it when the marketplace asked part of a
    /// batch to wait and other actions of the batch were applied or refused, so those are reported as they are and only
    /// these wait. The host keeps the action pending at least this long (at most a day), without counting it against the
    /// circuit breaker. Ignored for every other status; a negative wait is taken as none.
    /// </remarks>
    public TimeSpan? RetryAfter { get; init; }
}
