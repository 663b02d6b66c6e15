using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.RateLimiting;
using Marketpilot.Connectors.Shared;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace Marketpilot.Connectors.Kaspi.Api;

/// <summary>
/// Reads one shop's orders from <c>GET {BaseUrl}/v2/orders</c>: 0-based pages of at most 100, one order state per
/// query, a creation-date window of at most 14 days (marketplace-apis.md §3.2). Every request waits for the shop's
/// rate limiter and goes through <see cref="KaspiResilience"/>.
/// </summary>
internal sealed class KaspiOrdersClient : IDisposable
{
    /// <summary>Kaspi's largest <c>page[size]</c>.</summary>
    public const int PageSize = 100;

    /// <summary>Kaspi's longest creation-date window.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(14);

    /// <summary>Every value of the required <c>filter[orders][state]</c>: together they cover every order.</summary>
    public static readonly IReadOnlyList<string> States = ["NEW", "SIGN_REQUIRED", "PICKUP", "DELIVERY", "KASPI_DELIVERY", "ARCHIVE"];

    private const string JsonApiMediaType = "application/vnd.api+json";

    // A page of 100 orders with their entries is well under a megabyte; a hostile body is cut off here.
    private const long MaxResponseBytes = 32 * 1024 * 1024;
    private const int MaxPages = 10_000;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private readonly KaspiShopSettings _settings;
    private readonly HttpClient _http;
    private readonly RateLimiter _limiter;
    private readonly ResiliencePipeline<KaspiResponse> _pipeline;
    private readonly string _ordersUrl;
    private readonly TimeProvider _time;

    // The read in progress that ended early (asked to wait, or a failure), for the next call to go on from.
    private OrdersProgress? _progress;

    // A null handler is MarketplaceHttp's own, which follows no redirect.
    public KaspiOrdersClient(KaspiShopSettings settings, HttpMessageHandler? handler, TimeProvider timeProvider, ILogger logger)
    {
        _settings = settings;
        _http = MarketplaceHttp.CreateClient(handler, MaxResponseBytes);
        _limiter = RateLimiter.CreateChained(
            new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.RequestsPerSecond,
                TokensPerPeriod = settings.RequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }),
            // Integrators keep to about 4 requests in flight per token (marketplace-apis.md §3.1).
            new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 4, QueueLimit = int.MaxValue }));
        _pipeline = KaspiResilience.Create(settings.ToString(), settings.RequestTimeout, timeProvider, logger);
        _ordersUrl = settings.BaseUrl.ToString().TrimEnd('/') + "/v2/orders";
        _time = timeProvider;
    }

    /// <summary>
    /// Reads every order created in [<paramref name="from"/>, <paramref name="to"/>), in every state, all pages. A read of
    /// the same window that ended early is gone on from (<see cref="OrdersProgress"/>).
    /// </summary>
    /// <exception cref="KaspiApiException">A request failed for good; the message says which and why.</exception>
    /// <exception cref="MarketplaceRateLimitedException">Kaspi, or the shop's own limiter, asked for a wait longer than is left of the call's budget.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<KaspiOrder>> ReadOrdersAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (to - from > MaxWindow)
        {
            throw new ArgumentOutOfRangeException(nameof(to), "Kaspi answers at most 14 days of orders per query.");
        }

        var now = _time.GetUtcNow();
        // Taken, not shared: a pull the host abandoned at its deadline may still be unwinding when the next one starts,
        // and two reads must never fill one progress. A read that ends early hands what it read to the next.
        var kept = Interlocked.Exchange(ref _progress, null);
        var progress = kept is not null && kept.Continues(from, to, now) ? kept : new OrdersProgress(from, to, now);
        try
        {
            await ReadRestAsync(progress, from, to, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _progress = progress;
            throw;
        }

        return [.. progress.Orders.Values];
    }

    public void Dispose()
    {
        _http.Dispose();
        _limiter.Dispose();
    }

    // Every state's pages from where the progress stands, each page's orders recorded as it arrives.
    private async Task ReadRestAsync(OrdersProgress progress, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        for (; progress.State < States.Count; progress.State++, progress.Page = 0)
        {
            for (; ; progress.Page++)
            {
                var page = progress.Page;
                var document = await GetPageAsync(States[progress.State], from, to, page, cancellationToken).ConfigureAwait(false);
                foreach (var order in KaspiOrder.FromDocument(document))
                {
                    // An order that moved to another state between two queries is counted once.
                    progress.Orders[order.Id] = order;
                }

                if (page + 1 >= document.Meta.PageCount || document.Data.Count == 0 || page + 1 >= MaxPages)
                {
                    break;
                }
            }
        }
    }

    private async Task<OrdersDocument> GetPageAsync(string state, DateTimeOffset from, DateTimeOffset to, int page, CancellationToken cancellationToken)
    {
        var url = string.Create(CultureInfo.InvariantCulture,
            $"{_ordersUrl}?{Q("page[number]")}={page}&{Q("page[size]")}={PageSize}&{Q("filter[orders][state]")}={state}" +
            $"&{Q("filter[orders][creationDate][$ge]")}={from.ToUnixTimeMilliseconds()}&{Q("filter[orders][creationDate][$le]")}={to.ToUnixTimeMilliseconds() - 1}" +
            $"&{Q("include[orders]")}=entries");
        var what = $"GET /v2/orders (state {state}, page {page}) for {_settings}";

        using var call = MarketplaceRetryAfter.BeginCall();
        KaspiResponse response;
        try
        {
            response = await _pipeline.ExecuteAsync(static (state, ct) => state.Client.SendAsync(state.Url, ct), (Client: this, Url: url), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (MarketplaceHttp.IsTooLarge(ex))
        {
            throw new KaspiApiException($"Kaspi {what} failed: {MarketplaceHttp.Describe(ex, MaxResponseBytes)}.", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException)
        {
            throw new KaspiApiException($"Kaspi {what} failed after {KaspiResilience.MaxRetryAttempts + 1} attempts: {ex.Message}", ex);
        }

        return response.Status switch
        {
            HttpStatusCode.OK => Parse(response.Body, what),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => throw new KaspiAuthenticationException(
                $"Kaspi refused the X-Auth-Token of {_settings} (HTTP {(int)response.Status}) on {what}: it expired, was revoked or is wrong. Generate a token in the Kaspi merchant cabinet (Settings -> API token) and set the shop's Credentials:Token."),
            _ when response.Redirect is { } redirect => throw new KaspiApiException($"Kaspi answered {what} with HTTP {(int)response.Status}: {redirect}."),
            HttpStatusCode.TooManyRequests when response.RetryAfter is { } wait && !MarketplaceRetryAfter.IsWaitedOut(wait) => throw new MarketplaceRateLimitedException(
                $"Kaspi rate-limited {what} and asked to wait {wait.TotalSeconds:0} s, longer than the connector still waits within this call; the host tries again later.", wait),
            HttpStatusCode.TooManyRequests => throw new KaspiApiException(
                $"Kaspi rate-limited {what}{(response.RetryAfter is { } wait ? $" and asked to wait {wait.TotalSeconds:0} s" : "")}; the call is retried later."),
            _ when response.IsTransient => throw new KaspiApiException(
                $"Kaspi answered {what} with HTTP {(int)response.Status} after {KaspiResilience.MaxRetryAttempts + 1} attempts."),
            _ => throw new KaspiApiException($"Kaspi refused {what} with HTTP {(int)response.Status}{ErrorTitle(response.Body)}."),
        };
    }

    private async ValueTask<KaspiResponse> SendAsync(string url, CancellationToken cancellationToken)
    {
        using var lease = await MarketplacePacing.AcquireAsync(_limiter, $"Kaspi GET /v2/orders for {_settings}", message => new KaspiApiException(message), cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("X-Auth-Token", _settings.Token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonApiMediaType));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new KaspiResponse(response.StatusCode, body, MarketplaceRetryAfter.Read(response.Headers.RetryAfter, DateTimeOffset.UtcNow), MarketplaceHttp.DescribeRedirect(response));
    }

    private static OrdersDocument Parse(string body, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<OrdersDocument>(body, JsonOptions)
                ?? throw new JsonException("the document is null");
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 0 } path ? $" at {path}" : "";
            throw new KaspiApiException($"Kaspi answered {what} with a body that is not the documented orders document{where}: {ex.Message}", ex);
        }
    }

    private static string ErrorTitle(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
                && errors.GetArrayLength() > 0 && errors[0].TryGetProperty("title", out var title) && title.GetString() is { } text)
            {
                return $": {(text.Length > 300 ? text[..300] : text)}";
            }
        }
        catch (JsonException)
        {
        }

        return "";
    }

    private static string Q(string name) => Uri.EscapeDataString(name);
}
