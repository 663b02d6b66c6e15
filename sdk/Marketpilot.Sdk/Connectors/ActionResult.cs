namespace Marketpilot.Sdk.Connectors;

/// <summary>What became of one <see cref="ActionRequest"/>.</summary>
/// <param name="IdempotencyKey">The key of the request this result answers.</param>
/// <param name="Status">Applied, rejected or failed.</param>
/// <param name="Reason">The marketplace's reason when not applied; shown to the seller.</param>
public sealed record ActionResult(string IdempotencyKey, ActionResultStatus Status, string? Reason = null);
