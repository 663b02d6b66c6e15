using Marketpilot.Connectors.Ozon.Http;
using Marketpilot.Connectors.Ozon.Wire;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Connectors.Ozon.Pull;

/// <summary>
/// Reads one page of the catalog: a page of <c>/v3/product/list</c>, then for those products their details
/// (<c>/v3/product/info/list</c>), prices (<c>/v5/product/info/prices</c>), stocks (<c>/v4/product/info/stocks</c>), and the
/// day's analytics and promotions from <see cref="CycleDataReader"/>.
/// </summary>
internal sealed class CatalogReader(SellerApi seller, CycleDataReader cycles, OzonShopOptions shop, OzonQuotas quotas)
{
    public async Task<(IReadOnlyList<SkuSnapshot> Skus, string? LastId, bool IsLastPage)> ReadPageAsync(PullCursor cursor, CancellationToken ct)
    {
        var list = (await seller.ListProductsAsync(cursor.LastId, quotas.PageSize, ct).ConfigureAwait(false)).Result;
        var isLast = list.Items.Count < quotas.PageSize || string.IsNullOrEmpty(list.LastId);
        if (list.Items.Count == 0)
        {
            return ([], list.LastId, true);
        }

        var ids = list.Items.Select(i => i.ProductId).ToList();
        var info = (await seller.ProductInfoAsync(new ProductInfoRequest(ProductId: [.. ids.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))]), ct).ConfigureAwait(false))
            .Items.ToDictionary(i => i.Id);
        var prices = new Dictionary<long, PriceDetails>();
        await ReadCursorPagesAsync(quotas.PageSize, (c, t) => seller.PricesAsync(ids, c, quotas.PageSize, t), r => (r.Cursor, r.Items.Count), r => r.Items.ToList().ForEach(i => prices[i.ProductId] = i.Price), ct).ConfigureAwait(false);
        var stocks = new Dictionary<long, long>();
        await ReadCursorPagesAsync(quotas.PageSize, (c, t) => seller.StocksAsync(ids, c, quotas.PageSize, t), r => (r.Cursor, r.Items.Count), r => r.Items.ToList().ForEach(i => stocks[i.ProductId] = i.Stocks.Sum(s => Math.Max(0, s.Present - s.Reserved))), ct).ConfigureAwait(false);
        var cycle = await cycles.ReadAsync(cursor.Date, ct).ConfigureAwait(false);

        var skus = list.Items.Select(item => Snapshot(item, info.GetValueOrDefault(item.ProductId), prices.GetValueOrDefault(item.ProductId), stocks.GetValueOrDefault(item.ProductId), cycle)).ToList();
        return (skus, list.LastId, isLast);
    }

    private SkuSnapshot Snapshot(ProductListItem item, ProductInfo? info, PriceDetails? price, long stock, CycleData cycle)
    {
        var metrics = info is not null && cycle.MetricsBySku.TryGetValue(info.Sku, out var m) ? m : DayMetrics.None;
        var minPrice = price?.MinPrice ?? OzonMoney.ParsePrice(info?.MinPrice);
        return new SkuSnapshot
        {
            Marketplace = Marketplaces.Ozon,
            ShopId = shop.ShopId,
            Sku = item.OfferId,
            Title = info?.Name,
            Price = price?.Price ?? OzonMoney.ParsePrice(info?.Price) ?? 0m,
            Cost = price?.NetPrice ?? 0m,
            MinPrice = minPrice is > 0 ? minPrice : null,
            Stock = (int)Math.Min(int.MaxValue, stock),
            Impressions = metrics.Impressions,
            AddToCart = metrics.AddToCart,
            Orders = metrics.Orders,
            Returns = metrics.Returns,
            CardStatus = item.Archived || info?.IsArchived == true ? "archived" : info?.Statuses?.Status,
            ListedAt = info?.CreatedAt,
            Date = cycle.Date,
            Promotions = cycle.PromotionsByProduct.GetValueOrDefault(item.ProductId) ?? [],
        };
    }

    /// <summary>Follows Ozon's <c>cursor</c> until a page is not full or the cursor ends.</summary>
    private static async Task ReadCursorPagesAsync<T>(int pageSize, Func<string, CancellationToken, Task<T>> read, Func<T, (string? Cursor, int Count)> position, Action<T> take, CancellationToken ct)
    {
        var cursor = "";
        while (true)
        {
            var page = await read(cursor, ct).ConfigureAwait(false);
            take(page);
            var (next, count) = position(page);
            if (count < pageSize || string.IsNullOrEmpty(next) || next == cursor)
            {
                return;
            }

            cursor = next;
        }
    }
}
