namespace Marketpilot.Connectors.Ozon;

/// <summary>
/// Ozon's documented limits the connector stays under, and how it retries. The defaults are the documented values
/// (marketplace-apis.md §1.2, §1.4); tests shorten the waits only.
/// </summary>
internal sealed record OzonQuotas
{
    /// <summary>Seller API calls per second per Client-Id; Ozon allows 50 across all methods, we keep a margin.</summary>
    public int SellerRequestsPerSecond { get; init; } = 40;

    /// <summary>Calls of <c>/v1/analytics/data</c> per minute; Ozon allows one.</summary>
    public int AnalyticsRequestsPerMinute { get; init; } = 1;

    /// <summary>The minute <see cref="AnalyticsRequestsPerMinute"/> counts over: shorter only in tests, which cannot wait minutes.</summary>
    public TimeSpan AnalyticsPeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Performance API calls per day; Ozon allows 100,000.</summary>
    public int PerformanceRequestsPerDay { get; init; } = 100_000;

    /// <summary>Items per <c>/v1/product/import/prices</c> call (Ozon: at most 1000).</summary>
    public int PriceBatchSize { get; init; } = 1000;

    /// <summary>Ids per list filter and items per list page (Ozon: at most 1000).</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>Price changes Ozon accepts per product per hour.</summary>
    public int PriceChangesPerHour { get; init; } = 10;

    /// <summary>Retries of a call answered 429, 5xx, or not at all.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The first backoff when the answer names no <c>Retry-After</c>; it doubles with jitter.</summary>
    public TimeSpan BaseRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest answer read; Ozon's largest (a page of 1000 products' details) is a few MB.</summary>
    public long MaxResponseBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How long one HTTP attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the day's analytics and promotion membership are reused across pages of one pull.</summary>
    public TimeSpan CycleDataLifetime { get; init; } = TimeSpan.FromMinutes(5);
}
