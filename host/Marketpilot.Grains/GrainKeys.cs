using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Grains;

/// <summary>Builds grain keys from marketplace keys. Each part is URI-escaped so an id containing '/' cannot collide.</summary>
public static class GrainKeys
{
    /// <summary>The <see cref="Skus.ISkuGrain"/> key for a SKU.</summary>
    /// <param name="key">The SKU key.</param>
    /// <returns><c>marketplace/shopId/sku</c>, each part escaped.</returns>
    public static string For(SkuKey key) => Join(key.Marketplace, key.ShopId, key.Sku);

    /// <summary>The <see cref="Campaigns.ICampaignGrain"/> key for a campaign.</summary>
    /// <param name="key">The campaign key.</param>
    /// <returns><c>marketplace/shopId/campaignId</c>, each part escaped.</returns>
    public static string For(CampaignKey key) => Join(key.Marketplace, key.ShopId, key.CampaignId);

    private static string Join(string a, string b, string c) =>
        $"{Uri.EscapeDataString(a)}/{Uri.EscapeDataString(b)}/{Uri.EscapeDataString(c)}";
}
