namespace Marketpilot.Connectors.Ozon.Wire;

// Ozon promotions ("акции", marketplace-apis.md §1.3): GET /v1/actions, /v1/actions/candidates,
// /v1/actions/products, /v1/actions/products/activate and /deactivate.

internal sealed record PromotionListResponse(IReadOnlyList<Promotion> Result);

/// <summary>A non-empty <see cref="FreezeDate"/> means prices may not be raised and products may not be removed.</summary>
internal sealed record Promotion(long Id, string? Title, string? ActionType, string? DateStart, string? DateEnd, string? FreezeDate, bool IsParticipating, long ParticipatingProductsCount)
{
    public bool IsFrozen => !string.IsNullOrWhiteSpace(FreezeDate);
}

internal sealed record PromotionProductsRequest(long ActionId, int Limit, string LastId);

internal sealed record PromotionProductsResponse(PromotionProductsResult Result);

internal sealed record PromotionProductsResult(IReadOnlyList<PromotionProduct> Products, long Total, string? LastId);

/// <summary><see cref="Id"/> is the seller's product_id; prices are numbers here.</summary>
internal sealed record PromotionProduct(long Id, decimal Price, decimal ActionPrice, decimal MaxActionPrice);

internal sealed record PromotionActivateRequest(long ActionId, IReadOnlyList<PromotionActivateItem> Products);

internal sealed record PromotionActivateItem(long ProductId, decimal ActionPrice);

internal sealed record PromotionDeactivateRequest(long ActionId, IReadOnlyList<long> ProductIds);

internal sealed record PromotionChangeResponse(PromotionChangeResult Result);

internal sealed record PromotionChangeResult(IReadOnlyList<long>? ProductIds, IReadOnlyList<PromotionRejection>? Rejected);

internal sealed record PromotionRejection(long ProductId, string? Reason);
