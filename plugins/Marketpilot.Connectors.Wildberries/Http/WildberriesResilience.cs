using System.Globalization;
using System.Net;
using Marketpilot.Connectors.Shared;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Marketpilot.Connectors.Wildberries.Http;

/// <summary>The retry and timeout around every Wildberries request.</summary>
internal static class WildberriesResilience
{
    public const int MaxRetryAttempts = 5;

    /// <summary>
    /// Retries 429, 5xx, timeouts and broken connections with exponential backoff and jitter; a 429 or 503 waits what WB
    /// asks (<c>Retry-After</c>, else <c>X-Ratelimit-Retry</c>) while the call's <see cref="MarketplaceRetryAfter.MaxWait"/>
    /// has room for it, and is not retried when WB asks for more. The whole call still ends when the host's token is cancelled.
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> Retry(TimeProvider time, Action<RetryLog> onRetry) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(30),
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? AskedDelay(response) : null),
                OnRetry = args =>
                {
                    MarketplaceRetryAfter.SittingOut(args.Outcome.Result is { } response ? AskedDelay(response) : null);
                    onRetry(new RetryLog(
                        args.AttemptNumber + 1,
                        args.RetryDelay,
                        args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString(CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name ?? "?"));
                    return default;
                },
            })
            .Build();

    /// <summary>
    /// The limit on one attempt, applied after the attempt got its rate-limit token: waiting for a token (a minute, for
    /// the statistics bucket) is not the marketplace being slow.
    /// </summary>
    public static ResiliencePipeline AttemptTimeout(TimeSpan attemptTimeout, TimeProvider time) =>
        new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(attemptTimeout).Build();

    /// <summary>The delay the marketplace asked for in a 429 or 503, if any.</summary>
    public static TimeSpan? AskedDelay(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
        {
            return null;
        }

        // WB's own header (knowledge base, §2.2): seconds to wait.
        return MarketplaceRetryAfter.Read(response.Headers.RetryAfter, DateTimeOffset.UtcNow)
            ?? (response.Headers.TryGetValues("X-Ratelimit-Retry", out var values) ? MarketplaceRetryAfter.FromSeconds(values.FirstOrDefault()) : null);
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException http } => MarketplaceHttp.IsTransient(http),
        { Exception: TimeoutRejectedException } => true,
        { Result: { } response } => (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            && MarketplaceRetryAfter.IsWaitedOut(AskedDelay(response)),
        _ => false,
    };
}

/// <summary>One retry, for the log.</summary>
/// <param name="Attempt">The attempt about to be made (2 for the first retry).</param>
/// <param name="Delay">How long the connector waits before it.</param>
/// <param name="Cause">The status code or exception type of the failed attempt.</param>
internal readonly record struct RetryLog(int Attempt, TimeSpan Delay, string Cause);
