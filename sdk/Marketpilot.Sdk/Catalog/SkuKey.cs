namespace Marketpilot.Sdk.Catalog;

/// <summary>Identifies one SKU of one shop on one marketplace.</summary>
/// <param name="Marketplace">The lower-case marketplace id, for example <c>ozon</c>.</param>
/// <param name="ShopId">The seller's shop id on that marketplace.</param>
/// <param name="Sku">The seller's SKU id (article) in that shop.</param>
public readonly record struct SkuKey(string Marketplace, string ShopId, string Sku)
{
    /// <summary>Returns <c>marketplace/shopId/sku</c>, the form the HTTP API uses in routes.</summary>
    /// <returns>The key as a path.</returns>
    public override string ToString() => $"{Marketplace}/{ShopId}/{Sku}";
}
