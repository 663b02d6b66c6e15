using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Grains.Skus;

/// <summary>
/// Applies a connector's <see cref="MetricKinds"/> to a snapshot: a metric the connector does not pull is not data, so
/// the day keeps what was stored for it (from the API or an earlier snapshot) instead of the snapshot's 0.
/// </summary>
internal static class MetricMask
{
    /// <summary>The day's metrics from <paramref name="incoming"/> for the kinds in <paramref name="pulled"/>, from <paramref name="stored"/> for the others.</summary>
    public static DailyMetrics Merge(DailyMetrics? stored, DailyMetrics incoming, MetricKinds pulled)
        => pulled == MetricKinds.All ? incoming : Keep(stored ?? new DailyMetrics(incoming.Date, 0, 0, 0, 0, 0), incoming, pulled);

    /// <summary>The snapshot carrying <paramref name="day"/>'s counts, so rules see the same numbers the history holds.</summary>
    public static SkuSnapshot WithDay(SkuSnapshot snapshot, DailyMetrics day) => snapshot with
    {
        Impressions = day.Impressions,
        Clicks = day.Clicks,
        AddToCart = day.AddToCart,
        Orders = day.Orders,
        Returns = day.Returns,
    };

    private static DailyMetrics Keep(DailyMetrics kept, DailyMetrics incoming, MetricKinds pulled) => kept with
    {
        Impressions = pulled.HasFlag(MetricKinds.Impressions) ? incoming.Impressions : kept.Impressions,
        Clicks = pulled.HasFlag(MetricKinds.Clicks) ? incoming.Clicks : kept.Clicks,
        AddToCart = pulled.HasFlag(MetricKinds.AddToCart) ? incoming.AddToCart : kept.AddToCart,
        Orders = pulled.HasFlag(MetricKinds.Orders) ? incoming.Orders : kept.Orders,
        Returns = pulled.HasFlag(MetricKinds.Returns) ? incoming.Returns : kept.Returns,
    };
}
