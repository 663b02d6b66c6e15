using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Marketpilot.Channels.Webhook;

/// <summary>Posts each notification as signed JSON to the configured endpoints, retrying what may pass.</summary>
internal sealed partial class WebhookChannel : INotificationChannel, IDisposable
{
    // A receiver asking for a longer pause than this is treated as down for now: the host retries the
    // action later rather than holding a call open past its own timeout.
    internal static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    private static readonly ResiliencePropertyKey<Uri> EndpointKey = new("webhook.endpoint");

    private readonly WebhookOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public WebhookChannel(WebhookOptions options, TimeProvider time, ILogger<WebhookChannel>? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);

        _options = options;
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;

        // One long-lived client; recycling pooled connections picks up DNS changes. Redirects are not
        // followed: a POST turned into a GET would lose the body, so a 3xx is reported instead.
        _http = new HttpClient(
            new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) },
            disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan, // the pipeline's per-attempt timeout governs
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Marketpilot-Webhook", "0.1"));
        _pipeline = BuildPipeline();
    }

    public string Name => "webhook";

    public async Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);

        if (Malformed(notification) is { } problem)
        {
            return new DeliveryResult(DeliveryStatus.Rejected, problem);
        }

        if (_options.Recipients.Count > 0 && !_options.Recipients.Contains(notification.Recipient, StringComparer.OrdinalIgnoreCase))
        {
            return DeliveryResult.Skipped($"this webhook serves {string.Join(", ", _options.Recipients)}, not {notification.Recipient}");
        }

        // The body is fixed once so every endpoint and every retry gets the same bytes (and the same id).
        var body = WebhookPayload.Serialize(notification, _time.GetUtcNow());
        var results = new List<(Uri Url, DeliveryResult Result)>(_options.Urls.Count);
        foreach (var url in _options.Urls)
        {
            results.Add((url, await PostAsync(url, notification.IdempotencyKey, body, cancellationToken).ConfigureAwait(false)));
        }

        return Combine(results);
    }

    public void Dispose() => _http.Dispose();

    // Refused for good, before any request: receivers key on the id and route on the recipient.
    private static string? Malformed(Notification notification) =>
        string.IsNullOrWhiteSpace(notification.IdempotencyKey) ? "the notification has no idempotency key"
        : string.IsNullOrWhiteSpace(notification.Recipient) ? "the notification has no recipient"
        : string.IsNullOrWhiteSpace(notification.Message) ? "the notification has no message"
        : null;

    // Every endpoint must take it. A retryable failure anywhere wins: the host sends again and endpoints
    // that already have it drop the repeat by its Idempotency-Key.
    private static DeliveryResult Combine(List<(Uri Url, DeliveryResult Result)> results)
    {
        if (results.All(r => r.Result.Status == DeliveryStatus.Delivered))
        {
            return DeliveryResult.Delivered;
        }

        var status = results.Any(r => r.Result.Status == DeliveryStatus.RetryableFailure)
            ? DeliveryStatus.RetryableFailure
            : DeliveryStatus.Rejected;
        var reasons = results
            .Where(r => r.Result.Status != DeliveryStatus.Delivered)
            .Select(r => results.Count == 1 ? r.Result.Reason : $"{Redact(r.Url)}: {r.Result.Reason}");
        return new DeliveryResult(status, string.Join("; ", reasons));
    }

    private async Task<DeliveryResult> PostAsync(Uri url, string idempotencyKey, byte[] body, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(EndpointKey, url);
        try
        {
            using var response = await _pipeline.ExecuteAsync(
                async (ctx, state) =>
                {
                    // Signed per attempt so the timestamp is fresh when a retry arrives late.
                    using var request = CreateRequest(state.url, state.idempotencyKey, state.body);
                    return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (url, idempotencyKey, body)).ConfigureAwait(false);

            return Classify(response);
        }
        catch (TimeoutRejectedException)
        {
            return new DeliveryResult(DeliveryStatus.RetryableFailure, $"no answer within {_options.TimeoutMilliseconds} ms after {_options.MaxRetries + 1} attempts");
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryResult(DeliveryStatus.RetryableFailure, $"could not reach {Redact(url)}: {ex.Message}");
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private HttpRequestMessage CreateRequest(Uri url, string idempotencyKey, byte[] body)
    {
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add(WebhookSignature.IdempotencyKeyHeader, idempotencyKey);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(_options.Secret, timestamp, body));
        return request;
    }

    private DeliveryResult Classify(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        var answer = $"answered {code} {response.ReasonPhrase}".TrimEnd();
        if (response.IsSuccessStatusCode)
        {
            return DeliveryResult.Delivered;
        }

        if (IsTransient(response.StatusCode))
        {
            var retryAfter = RetryAfter(response);
            return new DeliveryResult(
                DeliveryStatus.RetryableFailure,
                retryAfter > MaxRetryAfter
                    ? $"{answer} and asked to retry after {retryAfter.Value.TotalSeconds:0} s"
                    : $"{answer} after {_options.MaxRetries + 1} attempts");
        }

        // 4xx other than 408/429, and 3xx: sending the same request again will not help.
        return new DeliveryResult(DeliveryStatus.Rejected, answer);
    }

    private ResiliencePipeline<HttpResponseMessage> BuildPipeline()
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time };
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = _options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(_options.RetryDelayMilliseconds),
                MaxDelay = MaxRetryAfter,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                // The receiver knows best when it can take the request again.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } r ? RetryAfter(r) : null),
                OnRetry = args =>
                {
                    var endpoint = args.Context.Properties.TryGetValue(EndpointKey, out var url) ? Redact(url) : "?";
                    var why = args.Outcome.Result is { } r ? $"{(int)r.StatusCode}" : args.Outcome.Exception?.GetType().Name ?? "?";
                    LogRetrying(_logger, endpoint, why, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            });
        }

        // Inside the retry, so each attempt has its own budget.
        builder.AddTimeout(TimeSpan.FromMilliseconds(_options.TimeoutMilliseconds));
        return builder.Build();
    }

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => IsTransient(response.StatusCode) && !(RetryAfter(response) > MaxRetryAfter),
        _ => false,
    };

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    // Logs and reasons show only where the endpoint is: its path or query may carry a token.
    private static string Redact(Uri url) => url.GetLeftPart(UriPartial.Authority);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Endpoint} failed ({Reason}); attempt {Attempt} in {Delay}")]
    private static partial void LogRetrying(ILogger logger, string endpoint, string reason, int attempt, TimeSpan delay);
}
