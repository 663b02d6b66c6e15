namespace Marketpilot.Sdk.Catalog;

/// <summary>Identifies one campaign (ad, promotion or coupon) of one shop on one marketplace.</summary>
/// <param name="Marketplace">The lower-case marketplace id, for example <c>wildberries</c>.</param>
/// <param name="ShopId">The seller's shop id on that marketplace.</param>
/// <param name="CampaignId">The marketplace's campaign id.</param>
public readonly record struct CampaignKey(string Marketplace, string ShopId, string CampaignId)
{
    /// <summary>Returns <c>marketplace/shopId/campaignId</c>, the form the HTTP API uses in routes.</summary>
    /// <returns>The key as a path.</returns>
    public override string ToString() => $"{Marketplace}/{ShopId}/{CampaignId}";
}
