using System.Diagnostics;
using System.Globalization;
using System.Threading.RateLimiting;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Shared;

/// <summary>
/// A permit of a connector's own rate limiter (its pacing of a shop's requests to the marketplace's documented quotas),
/// waited for only within the call's wait budget (<see cref="MarketplaceRetryAfter"/>).
/// </summary>
/// <remarks>
/// A quota of one request a minute would otherwise hold the second call of the minute in the limiter's queue until the
/// host's plugin-call deadline, where the call is abandoned and counted against the shop's circuit breaker: a failure
/// caused by the connector's own pacing. A wait that does not fit in what is left of the budget ends the call with
/// <see cref="MarketplaceRateLimitedException"/> carrying the time until a permit, which the host sits out on its own
/// backoff without counting it.
/// </remarks>
internal static class MarketplacePacing
{
    /// <summary>
    /// Takes a permit at once when the limiter has one; otherwise waits for it in the limiter's queue if the time until a
    /// permit fits in what is left of the call's budget, and takes the time it waited from the budget.
    /// </summary>
    /// <param name="limiter">The connector's own limiter.</param>
    /// <param name="what">The request the limiter paces, for the messages (<c>Ozon Seller API POST /v1/analytics/data</c>).</param>
    /// <param name="refused">
    /// The connector's own exception for a permit the limiter did not grant, given the message: its queue was full, or the
    /// limiter was disposed (the connector closed) while the request waited in it.
    /// </param>
    /// <param name="cancellationToken">The caller's deadline.</param>
    /// <returns>The granted lease.</returns>
    /// <exception cref="MarketplaceRateLimitedException">The next permit is further away than is left of the call's budget.</exception>
    /// <exception cref="InvalidOperationException">No call is open (<see cref="MarketplaceRetryAfter.BeginCall"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public static async ValueTask<RateLimitLease> AcquireAsync(RateLimiter limiter, string what, Func<string, Exception> refused, CancellationToken cancellationToken)
    {
        var lease = limiter.AttemptAcquire(1);
        if (lease.IsAcquired)
        {
            return lease;
        }

        // A token bucket names the whole replenishment periods until a permit (those queued ahead included), so the wait
        // it names is never shorter than the real one and a permit is there when the host calls again after it. A
        // limiter that names none (a concurrency limit) frees a permit when another request ends, not on a clock.
        var asked = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : (TimeSpan?)null;
        lease.Dispose();
        if (!MarketplaceRetryAfter.IsWaitedOut(asked))
        {
            throw new MarketplaceRateLimitedException(
                $"{what}: the connector's own pacing of this shop's requests (the marketplace's documented quota) gives the next permit in {asked!.Value.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s, longer than the connector still waits within this call; the host tries again later.",
                asked.Value);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            MarketplaceRetryAfter.SittingOut(Stopwatch.GetElapsedTime(started));
        }

        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw refused($"{what}: the connector's own rate limiter gave no permit: too many requests of this shop are queued, or the connector was closed while this one waited.");
        }

        return lease;
    }
}
