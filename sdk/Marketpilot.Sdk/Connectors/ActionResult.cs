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
public sealed record ActionResult(string IdempotencyKey, ActionResultStatus Status, string? Reason = null, string? CreatedId = null);
