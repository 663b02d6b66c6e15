using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Ozon.Apply;

/// <summary>Builds <see cref="ActionResult"/>s with the connector's wording.</summary>
internal static class ActionOutcome
{
    public static ActionResult Applied(ActionRequest request, string? createdId = null) => new(request.IdempotencyKey, ActionResultStatus.Applied, null, createdId);

    public static ActionResult Rejected(ActionRequest request, string reason) => new(request.IdempotencyKey, ActionResultStatus.Rejected, reason);

    public static ActionResult Retry(ActionRequest request, string reason) => new(request.IdempotencyKey, ActionResultStatus.RetryableFailure, reason);

    /// <summary>Retryable after the wait Ozon (or the shop's own quota) asked for, which the host sits out first.</summary>
    public static ActionResult Wait(ActionRequest request, MarketplaceRateLimitedException limited) =>
        new(request.IdempotencyKey, ActionResultStatus.RetryableFailure, limited.Message) { RetryAfter = limited.RetryAfter };
}
