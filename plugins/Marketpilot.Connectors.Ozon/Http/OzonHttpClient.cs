using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.RateLimiting;
using Marketpilot.Connectors.Shared;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Marketpilot.Connectors.Ozon.Http;

/// <summary>
/// Sends JSON calls to one Ozon API for one shop: under the shop's rate limiter, each attempt under a timeout, 429 and 5xx
/// retried with backoff that honours <c>Retry-After</c>, within the caller's deadline. A write that must not reach Ozon
/// twice is resent only when Ozon said it did not run it (429, or no connection); a timeout or a 5xx after it left is
/// thrown as an outcome the caller reads back (<see cref="OzonApiException.IsOutcomeUnknown"/>).
/// </summary>
internal sealed partial class OzonHttpClient
{
    private readonly string _api;
    private readonly HttpClient _http;
    private readonly RateLimiter _limiter;
    private readonly JsonSerializerOptions _json;
    private readonly SecretRedactor _redactor;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly ResiliencePipeline<HttpResponseMessage> _writeOncePipeline;
    private readonly long _maxResponseBytes;

    public OzonHttpClient(string api, HttpClient http, RateLimiter limiter, OzonQuotas quotas, JsonSerializerOptions json, SecretRedactor redactor, TimeProvider time, ILogger logger)
    {
        (_api, _http, _limiter, _json, _redactor, _logger, _maxResponseBytes) = (api, http, limiter, json, redactor, logger, quotas.MaxResponseBytes);
        _pipeline = BuildPipeline(quotas, time, new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>(MarketplaceHttp.IsTransient)
            .Handle<TimeoutRejectedException>()
            .HandleResult(r => IsTransient(r.StatusCode) && MarketplaceRetryAfter.IsWaitedOut(RetryAfter(r))));
        _writeOncePipeline = BuildPipeline(quotas, time, new PredicateBuilder<HttpResponseMessage>()
            .Handle<HttpRequestException>(e => e.HttpRequestError == HttpRequestError.ConnectionError)
            .HandleResult(r => r.StatusCode == HttpStatusCode.TooManyRequests && MarketplaceRetryAfter.IsWaitedOut(RetryAfter(r))));
    }

    /// <summary>Sends one call and reads its JSON answer.</summary>
    /// <typeparam name="T">The documented response shape; <see cref="NoContent"/> for calls answered with an empty body.</typeparam>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path and query, relative to the API's base URL.</param>
    /// <param name="body">The JSON body, or <see langword="null"/>.</param>
    /// <param name="authorize">Adds the credentials to each attempt.</param>
    /// <param name="cancellationToken">The caller's deadline.</param>
    /// <param name="extraLimiter">A method's own quota on top of the API's (analytics: once a minute).</param>
    /// <param name="writeOnce">A write Ozon must not run twice: never resent after it may have reached Ozon.</param>
    /// <exception cref="OzonApiException">Ozon refused the call, kept failing, or answered with a body that is not the documented JSON.</exception>
    /// <exception cref="MarketplaceRateLimitedException">
    /// Ozon answered 429 asking to wait longer than is left of the call's <see cref="MarketplaceRetryAfter.MaxWait"/>, or the
    /// shop's own limiters (<paramref name="extraLimiter"/>: a minute) give no permit within it (<see cref="MarketplacePacing"/>).
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<T> SendAsync<T>(
        HttpMethod method, string path, object? body, Func<HttpRequestMessage, CancellationToken, ValueTask> authorize, CancellationToken cancellationToken, RateLimiter? extraLimiter = null, bool writeOnce = false)
    {
        var what = $"Ozon {_api} {method} /{path.Split('?')[0]}";
        using var call = MarketplaceRetryAfter.BeginCall();
        HttpResponseMessage response;
        try
        {
            response = await (writeOnce ? _writeOncePipeline : _pipeline).ExecuteAsync(
                async ct =>
                {
                    await AcquireAsync(_limiter, what, ct).ConfigureAwait(false);
                    if (extraLimiter is not null)
                    {
                        await AcquireAsync(extraLimiter, what, ct).ConfigureAwait(false);
                    }

                    using var request = new HttpRequestMessage(method, path);
                    if (body is not null)
                    {
                        request.Content = JsonContent.Create(body, body.GetType(), new MediaTypeHeaderValue("application/json"), _json);
                    }

                    await authorize(request, ct).ConfigureAwait(false);
                    return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            throw ex is HttpRequestException http && MarketplaceHttp.IsTooLarge(http)
                ? new OzonApiException($"{what} failed: {MarketplaceHttp.Describe(http, _maxResponseBytes)}.", null, ex)
                : new OzonApiException($"{what} got no answer after retries ({ex.GetType().Name}).", null, ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw response.StatusCode == HttpStatusCode.TooManyRequests && RetryAfter(response) is { } wait && !MarketplaceRetryAfter.IsWaitedOut(wait)
                    ? new MarketplaceRateLimitedException(DescribeFailure(what, response, text), wait)
                    : new OzonApiException(DescribeFailure(what, response, text), response.StatusCode);
            }

            if (typeof(T) == typeof(NoContent) && string.IsNullOrWhiteSpace(text))
            {
                return (T)(object)NoContent.Instance;
            }

            try
            {
                return JsonSerializer.Deserialize<T>(text, _json) ?? throw new JsonException("the body is null");
            }
            catch (JsonException ex)
            {
                throw new OzonApiException($"{what} answered {(int)response.StatusCode} with a body that is not the documented JSON ({ex.Message}).", response.StatusCode, ex);
            }
        }
    }

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline(OzonQuotas quotas, TimeProvider time, PredicateBuilder<HttpResponseMessage> retryWhen) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = retryWhen,
                MaxRetryAttempts = quotas.MaxRetries,
                Delay = quotas.BaseRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter(response) : null),
                OnRetry = args =>
                {
                    var status = args.Outcome.Result?.StatusCode.ToString() ?? args.Outcome.Exception?.GetType().Name ?? "no answer";
                    MarketplaceRetryAfter.SittingOut(args.Outcome.Result is { } response ? RetryAfter(response) : null);
                    args.Outcome.Result?.Dispose();
                    LogRetry(_logger, _api, status, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(quotas.AttemptTimeout)
            .Build();

    private static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => MarketplaceRetryAfter.Read(response.Headers.RetryAfter, DateTimeOffset.UtcNow);

    private static async Task AcquireAsync(RateLimiter limiter, string what, CancellationToken cancellationToken)
    {
        using var lease = await MarketplacePacing.AcquireAsync(limiter, what, message => new OzonApiException(message), cancellationToken).ConfigureAwait(false);
    }

    private string DescribeFailure(string what, HttpResponseMessage response, string body)
    {
        var status = response.StatusCode;
        var said = ErrorText(body);
        var meaning = status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "Ozon refused the shop's credentials (expired, deactivated or missing a role); renew them in the seller cabinet",
            HttpStatusCode.TooManyRequests when RetryAfter(response) is { } wait && !MarketplaceRetryAfter.IsWaitedOut(wait) =>
                $"Ozon asked to wait {wait.TotalSeconds:0} s, longer than the connector still waits within this call; the host tries again later",
            HttpStatusCode.TooManyRequests => "Ozon kept answering 'too many requests' after retries",
            _ when MarketplaceHttp.DescribeRedirect(response) is { } redirect => $"Ozon answered with {redirect}",
            _ when (int)status >= 500 => "Ozon kept failing after retries",
            _ => "Ozon refused the request",
        };
        return $"{what} answered {(int)status}: {meaning}{(said.Length > 0 ? $" ({_redactor.Redact(said)})" : "")}.";
    }

    private static string ErrorText(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in new[] { "message", "error" })
                {
                    if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        return value.GetString() ?? "";
                    }
                }
            }
        }
        catch (JsonException)
        {
        }

        return body.Trim();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ozon {Api} answered {Status}; retry {Attempt} in {Delay}")]
    private static partial void LogRetry(ILogger logger, string api, string status, int attempt, TimeSpan delay);
}

/// <summary>The answer of a call Ozon answers with an empty body.</summary>
internal sealed record NoContent
{
    public static NoContent Instance { get; } = new();
}
