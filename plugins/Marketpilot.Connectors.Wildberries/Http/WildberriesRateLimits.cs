using System.Threading.RateLimiting;
using Marketpilot.Connectors.Shared;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Wildberries.Http;

/// <summary>The method groups WB meters separately, each with its own token bucket.</summary>
internal enum WildberriesMethodGroup
{
    Content,
    Prices,
    Calendar,
    Advert,
    Analytics,
    AdvertStats,
    Statistics,
}

/// <summary>
/// One shop's client-side token buckets, one per method group, at WB's documented quotas for personal and service
/// tokens (marketplace-apis.md §2.2): a request waits for a token instead of earning a 429, as long as the wait fits in
/// the call's wait budget; past it the call ends with the wait for the host to sit out.
/// </summary>
internal sealed class WildberriesRateLimits : IAsyncDisposable
{
    private readonly Dictionary<WildberriesMethodGroup, TokenBucketRateLimiter> _buckets;

    /// <param name="timeScale">Multiplies every interval; 1 in production, smaller in tests so a run is not paced at WB's real speed.</param>
    public WildberriesRateLimits(double timeScale = 1)
    {
        _buckets = new()
        {
            [WildberriesMethodGroup.Content] = Bucket(TimeSpan.FromMilliseconds(600), 5, timeScale),
            [WildberriesMethodGroup.Prices] = Bucket(TimeSpan.FromMilliseconds(600), 5, timeScale),
            [WildberriesMethodGroup.Calendar] = Bucket(TimeSpan.FromMilliseconds(600), 5, timeScale),
            [WildberriesMethodGroup.Advert] = Bucket(TimeSpan.FromMilliseconds(200), 5, timeScale),
            [WildberriesMethodGroup.Analytics] = Bucket(TimeSpan.FromSeconds(20), 3, timeScale),
            [WildberriesMethodGroup.AdvertStats] = Bucket(TimeSpan.FromSeconds(20), 1, timeScale),
            [WildberriesMethodGroup.Statistics] = Bucket(TimeSpan.FromMinutes(1), 10, timeScale),
        };
    }

    /// <summary>Waits for a token of <paramref name="group"/> while the wait fits in the call's budget (<see cref="MarketplacePacing"/>).</summary>
    /// <param name="group">The method group.</param>
    /// <param name="endpoint">The request, for the message.</param>
    /// <param name="cancellationToken">The caller's deadline.</param>
    /// <exception cref="MarketplaceRateLimitedException">The group's next token is further away than is left of the call's wait budget (the statistics bucket: up to a minute).</exception>
    /// <exception cref="WildberriesApiException">The bucket gave no token: its queue is full, or it was disposed while the request waited.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled while waiting.</exception>
    public async ValueTask AcquireAsync(WildberriesMethodGroup group, string endpoint, CancellationToken cancellationToken)
    {
        using var lease = await MarketplacePacing.AcquireAsync(_buckets[group], $"Wildberries {endpoint} ({group} quota)", message => new WildberriesApiException(message), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var bucket in _buckets.Values)
        {
            await bucket.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static TokenBucketRateLimiter Bucket(TimeSpan interval, int burst, double timeScale) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, (long)(interval.Ticks * timeScale))),
        QueueLimit = 100_000,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });
}
