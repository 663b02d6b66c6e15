namespace Marketpilot.Connectors.Ozon.Pull;

/// <summary>One SKU's counts for one day from <c>/v1/analytics/data</c>.</summary>
internal sealed record DayMetrics(long Impressions, long AddToCart, long Orders, long Returns)
{
    public static DayMetrics None { get; } = new(0, 0, 0, 0);
}
