namespace Marketpilot.Connectors.Ozon.Pull;

/// <summary>
/// What one pass over the catalog shares between its pages: the day's analytics (Ozon allows one analytics call a minute,
/// so it cannot be read per page) and the promotion each product is in.
/// </summary>
/// <param name="Date">The day.</param>
/// <param name="MetricsBySku">Counts by Ozon storefront SKU.</param>
/// <param name="PromotionsByProduct">Promotion ids by <c>product_id</c>.</param>
/// <param name="ReadAt">When it was read, to reuse it for <see cref="OzonQuotas.CycleDataLifetime"/>.</param>
internal sealed record CycleData(
    DateOnly Date, IReadOnlyDictionary<long, DayMetrics> MetricsBySku, IReadOnlyDictionary<long, IReadOnlyList<string>> PromotionsByProduct, DateTimeOffset ReadAt);
