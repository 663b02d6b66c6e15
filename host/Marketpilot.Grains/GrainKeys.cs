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

    /// <summary>Reads a SKU key back from a <see cref="Skus.ISkuGrain"/> key.</summary>
    /// <param name="grainKey">A key built by <see cref="For(SkuKey)"/>.</param>
    /// <returns>The SKU key.</returns>
    /// <exception cref="FormatException">The key does not have three parts.</exception>
    public static SkuKey ParseSku(string grainKey)
    {
        ArgumentNullException.ThrowIfNull(grainKey);
        var parts = grainKey.Split('/');
        return parts.Length == 3
            ? new SkuKey(Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1]), Uri.UnescapeDataString(parts[2]))
            : throw new FormatException($"'{grainKey}' is not a SKU grain key (marketplace/shopId/sku).");
    }

    private static string Join(string a, string b, string c) =>
        $"{Uri.EscapeDataString(a)}/{Uri.EscapeDataString(b)}/{Uri.EscapeDataString(c)}";
}
