using Marketpilot.Host.Catalog;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Host.Feeds;

/// <summary>The host's current snapshot of every SKU of one shop, read from the grains; no marketplace I/O.</summary>
public sealed class ShopOffers(StoredSkus skus)
{
    /// <summary>Reads the latest snapshot of every stored SKU of <paramref name="marketplace"/>/<paramref name="shopId"/>, in SKU order.</summary>
    /// <param name="marketplace">The marketplace id.</param>
    /// <param name="shopId">The shop id.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The snapshots.</returns>
    public async Task<IReadOnlyList<SkuSnapshot>> ReadAsync(string marketplace, string shopId, CancellationToken cancellationToken)
    {
        var views = await skus.ReadAsync(key => key.Marketplace == marketplace && key.ShopId == shopId, cancellationToken);
        return [.. views.Select(v => v.Snapshot).OrderBy(s => s.Sku, StringComparer.Ordinal)];
    }
}
