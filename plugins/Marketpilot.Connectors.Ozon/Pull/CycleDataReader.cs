using System.Globalization;
using Marketpilot.Connectors.Ozon.Http;
using Marketpilot.Connectors.Ozon.Wire;

namespace Marketpilot.Connectors.Ozon.Pull;

/// <summary>Reads and caches <see cref="CycleData"/>: the day's analytics and every promotion's participants.</summary>
internal sealed class CycleDataReader(SellerApi seller, OzonShopOptions shop, OzonQuotas quotas, TimeProvider time)
{
    private static readonly string[] Metrics = ["hits_view", "hits_tocart", "ordered_units", "returns"];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CycleData? _cached;

    // The day's analytics pages read by a call that ended before the last: the quota gives one page a minute and a call
    // waits at most 10 s for it, so a shop of more than one page (1,000 SKUs) gets the rest over the next calls instead
    // of reading the first page again every time and never the second.
    private MetricsProgress? _metrics;

    public async Task<CycleData> ReadAsync(DateOnly date, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_cached is { } cached && cached.Date == date && time.GetUtcNow() - cached.ReadAt < quotas.CycleDataLifetime)
            {
                return cached;
            }

            var metrics = shop.PullMetrics ? await ReadMetricsAsync(date, ct).ConfigureAwait(false) : new Dictionary<long, DayMetrics>();
            var promotions = await ReadPromotionsAsync(ct).ConfigureAwait(false);
            return _cached = new CycleData(date, metrics, promotions.ByProduct, time.GetUtcNow());
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The promotions open to the shop and, by product, the ids of those it is in; read first-hand, for writers.</summary>
    public async Task<PromotionMembership> ReadPromotionsAsync(CancellationToken ct)
    {
        var promotions = (await seller.PromotionsAsync(ct).ConfigureAwait(false)).Result.ToDictionary(p => p.Id);
        var byProduct = new Dictionary<long, List<string>>();
        foreach (var promotion in promotions.Values.Where(p => p.IsParticipating || p.ParticipatingProductsCount > 0))
        {
            foreach (var product in await ReadAllAsync(seller.PromotionProductsAsync, promotion.Id, ct).ConfigureAwait(false))
            {
                (byProduct.TryGetValue(product.Id, out var list) ? list : byProduct[product.Id] = []).Add(promotion.Id.ToString(CultureInfo.InvariantCulture));
            }
        }

        return new PromotionMembership(promotions, byProduct.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value));
    }

    /// <summary>Follows <c>last_id</c> through a promotion's products or candidates.</summary>
    public async Task<List<PromotionProduct>> ReadAllAsync(
        Func<long, string, int, CancellationToken, Task<PromotionProductsResponse>> page, long actionId, CancellationToken ct)
    {
        var products = new List<PromotionProduct>();
        var lastId = "";
        while (true)
        {
            var result = (await page(actionId, lastId, quotas.PageSize, ct).ConfigureAwait(false)).Result;
            products.AddRange(result.Products);
            if (result.Products.Count < quotas.PageSize || string.IsNullOrEmpty(result.LastId) || result.LastId == lastId)
            {
                return products;
            }

            lastId = result.LastId;
        }
    }

    private async Task<Dictionary<long, DayMetrics>> ReadMetricsAsync(DateOnly date, CancellationToken ct)
    {
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var now = time.GetUtcNow();
        var progress = _metrics is { } kept && kept.Date == date && now - kept.StartedAt < quotas.CycleDataLifetime ? kept : new MetricsProgress(date, now);
        _metrics = progress;
        var bySku = progress.BySku;
        for (; ; progress.Offset += quotas.PageSize)
        {
            var request = new AnalyticsRequest(day, day, ["sku", "day"], Metrics, [], quotas.PageSize, progress.Offset);
            var rows = (await seller.AnalyticsAsync(request, ct).ConfigureAwait(false)).Result.Data;
            foreach (var row in rows)
            {
                if (row.Dimensions.Count > 0 && long.TryParse(row.Dimensions[0].Id, NumberStyles.None, CultureInfo.InvariantCulture, out var sku) && row.Metrics.Count == Metrics.Length)
                {
                    bySku[sku] = new DayMetrics(Count(row.Metrics[0]), Count(row.Metrics[1]), Count(row.Metrics[2]), Count(row.Metrics[3]));
                }
            }

            if (rows.Count < quotas.PageSize)
            {
                _metrics = null;
                return bySku;
            }
        }
    }

    private sealed class MetricsProgress(DateOnly date, DateTimeOffset startedAt)
    {
        public DateOnly Date => date;

        public DateTimeOffset StartedAt => startedAt;

        public Dictionary<long, DayMetrics> BySku { get; } = [];

        public int Offset { get; set; }
    }

    private static long Count(decimal value) => value <= 0 ? 0 : (long)decimal.Round(value);
}
