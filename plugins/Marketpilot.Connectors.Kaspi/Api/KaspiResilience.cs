using Marketpilot.Connectors.Shared;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Marketpilot.Connectors.Kaspi.Api;

/// <summary>The retry and timeout around every orders API request of one shop.</summary>
internal static partial class KaspiResilience
{
    /// <summary>Retries after 0.5 s, 1 s, 2 s, 4 s, 8 s (with jitter) unless Kaspi says how long to wait.</summary>
    public const int MaxRetryAttempts = 5;

    public static ResiliencePipeline<KaspiResponse> Create(string shop, TimeSpan requestTimeout, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<KaspiResponse> { TimeProvider = timeProvider };
        return builder
            .AddRetry(new RetryStrategyOptions<KaspiResponse>
            {
                ShouldHandle = new PredicateBuilder<KaspiResponse>()
                    .Handle<HttpRequestException>(MarketplaceHttp.IsTransient)
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => r.IsTransient && MarketplaceRetryAfter.IsWaitedOut(r.RetryAfter)),
                MaxRetryAttempts = MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(30),
                // Retry-After wins over the backoff: sending earlier would only be refused again.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                OnRetry = args =>
                {
                    MarketplaceRetryAfter.SittingOut(args.Outcome.Result?.RetryAfter);
                    var outcome = args.Outcome.Result is { } result ? $"HTTP {(int)result.Status}" : args.Outcome.Exception?.GetType().Name ?? "a failure";
                    LogRetry(logger, shop, outcome, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(requestTimeout)
            .Build();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kaspi orders API of {Shop} answered {Outcome}; retry {Attempt} in {Delay}")]
    private static partial void LogRetry(ILogger logger, string shop, string outcome, int attempt, TimeSpan delay);
}
