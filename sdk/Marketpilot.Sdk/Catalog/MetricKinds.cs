namespace Marketpilot.Sdk.Catalog;

/// <summary>The daily counts a <see cref="DailyMetrics"/> carries, as flags: which of them a connector pulls.</summary>
[Flags]
public enum MetricKinds
{
    /// <summary>No metric.</summary>
    None = 0,

    /// <summary><see cref="DailyMetrics.Impressions"/>.</summary>
    Impressions = 1,

    /// <summary><see cref="DailyMetrics.Clicks"/>.</summary>
    Clicks = 2,

    /// <summary><see cref="DailyMetrics.AddToCart"/>.</summary>
    AddToCart = 4,

    /// <summary><see cref="DailyMetrics.Orders"/>.</summary>
    Orders = 8,

    /// <summary><see cref="DailyMetrics.Returns"/>.</summary>
    Returns = 16,

    /// <summary>Every metric.</summary>
    All = Impressions | Clicks | AddToCart | Orders | Returns,
}
