using System.Collections.Concurrent;
using System.Text.Json;
using Marketpilot.Emulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Marketpilot.Emulators.Ozon;

/// <summary>
/// Ozon's Seller API and Performance API on one loopback server: the endpoints the Ozon connector calls, checking every
/// request's credentials and documented shape, keeping the shop's state and injecting faults (<see cref="LoopbackEmulator.Faults"/>
/// for whole requests, <see cref="PriceItemFaultRate"/> for single items of a price batch, <see cref="FailNext"/> for a
/// scripted answer, <see cref="CredentialsExpired"/> for revoked keys).
/// </summary>
/// <remarks>Point both <c>SellerBaseUrl</c> and <c>PerformanceBaseUrl</c> at <see cref="LoopbackEmulator.BaseAddress"/>.</remarks>
public sealed partial class OzonEmulator(TimeProvider? time = null) : LoopbackEmulator
{
    /// <summary>The Client-Id the emulator accepts.</summary>
    public const string ClientId = "123456";

    /// <summary>The Api-Key the emulator accepts.</summary>
    public const string ApiKey = "seller-key-0f3c9a7e-secret";

    /// <summary>The Performance API client_id the emulator accepts.</summary>
    public const string PerformanceClientId = "42-1700000000000@advertising.performance.ozon.ru";

    /// <summary>The Performance API client_secret the emulator accepts.</summary>
    public const string PerformanceClientSecret = "perf-secret-7d1e55b2";

    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly JsonSerializerOptions CamelCase = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly ConcurrentQueue<(string Path, int Status, int? RetryAfter)> _scripted = new();
    private readonly Dictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private Random _itemFaults = new(7);

    /// <summary>The shop's products by product_id.</summary>
    public SortedDictionary<long, EmulatedProduct> Products { get; } = [];

    /// <summary>The shop's promotions by id.</summary>
    public Dictionary<long, EmulatedPromotion> Promotions { get; } = [];

    /// <summary>The shop's ad campaigns by id.</summary>
    public Dictionary<string, EmulatedCampaign> Campaigns { get; } = new(StringComparer.Ordinal);

    /// <summary>The cabinet currency; a price in another currency is refused per item.</summary>
    public string Currency { get; set; } = "RUB";

    /// <summary>The share (0 to 1) of price items answered <c>TOO_MANY_REQUESTS</c> without being applied: a partial batch failure.</summary>
    public double PriceItemFaultRate { get; set; }

    /// <summary>When set, every call is refused 401 as for a deactivated key, and every issued token is void.</summary>
    public bool CredentialsExpired { get; set; }

    /// <summary>How many requests reached each route (faulted ones included), by path.</summary>
    public ConcurrentDictionary<string, int> Requests { get; } = new(StringComparer.Ordinal);

    /// <summary>The item count of each <c>/v1/product/import/prices</c> call that was accepted.</summary>
    public ConcurrentQueue<int> PriceBatchSizes { get; } = new();

    /// <summary>How many times each offer's price was changed.</summary>
    public ConcurrentDictionary<string, int> PriceUpdates { get; } = new(StringComparer.Ordinal);

    /// <summary>How many bearer tokens were issued.</summary>
    public int TokensIssued { get; private set; }

    /// <summary>Finds a product by offer id.</summary>
    public EmulatedProduct Product(string offerId)
    {
        lock (_gate)
        {
            return Products.Values.Single(p => p.OfferId == offerId);
        }
    }

    /// <summary>Answers the next <paramref name="count"/> requests to <paramref name="path"/> with <paramref name="status"/> (and <c>Retry-After</c>), before they reach the route.</summary>
    public void FailNext(string path, int count, int status, int? retryAfterSeconds = null)
    {
        for (var i = 0; i < count; i++)
        {
            _scripted.Enqueue((path, status, retryAfterSeconds));
        }
    }

    /// <summary>Restarts the per-item fault sequence.</summary>
    public void ReseedItemFaults(int seed)
    {
        lock (_gate)
        {
            _itemFaults = new Random(seed);
        }
    }

    /// <summary>Voids every issued token, as when they expire.</summary>
    public void ExpireTokens()
    {
        lock (_gate)
        {
            _tokens.Clear();
        }
    }

    /// <inheritdoc />
    protected override void MapRoutes(WebApplication app)
    {
        MapSellerRoutes(app);
        MapPerformanceRoutes(app);
    }

    private async Task HandleAsync(HttpContext context, bool seller, Func<JsonElement, object?> route)
    {
        var path = context.Request.Path.Value ?? "";
        Requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        var options = seller ? SnakeCase : CamelCase;
        if (TakeScripted(path) is { } scripted)
        {
            context.Response.StatusCode = scripted.Status;
            if (scripted.RetryAfter is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await context.Response.WriteAsJsonAsync(new { code = 8, message = "You have reached request rate limit per second" }).ConfigureAwait(false);
            return;
        }

        if (Unauthorized(context, seller) is { } refusal)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(seller ? new { code = 16, message = refusal } : (object)new { error = refusal }).ConfigureAwait(false);
            return;
        }

        JsonElement body = default;
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            if (context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            {
                await BadRequestAsync(context, seller, "Content-Type must be application/json").ConfigureAwait(false);
                return;
            }

            try
            {
                body = (await JsonDocument.ParseAsync(context.Request.Body).ConfigureAwait(false)).RootElement;
            }
            catch (JsonException)
            {
                await BadRequestAsync(context, seller, "invalid request payload: the body is not JSON").ConfigureAwait(false);
                return;
            }
        }

        object? answer;
        try
        {
            lock (_gate)
            {
                answer = route(body);
            }
        }
        catch (ShapeException ex)
        {
            await BadRequestAsync(context, seller, ex.Message).ConfigureAwait(false);
            return;
        }
        catch (UnauthorizedAccessException)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new { error = "invalid client credentials" }).ConfigureAwait(false);
            return;
        }
        catch (KeyNotFoundException ex)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(seller ? new { code = 5, message = ex.Message } : (object)new { error = ex.Message }).ConfigureAwait(false);
            return;
        }

        if (answer is not null)
        {
            await context.Response.WriteAsJsonAsync(answer, options).ConfigureAwait(false);
        }
    }

    private (string Path, int Status, int? RetryAfter)? TakeScripted(string path)
    {
        lock (_gate)
        {
            if (_scripted.TryPeek(out var next) && next.Path == path && _scripted.TryDequeue(out next))
            {
                return next;
            }
        }

        return null;
    }

    private string? Unauthorized(HttpContext context, bool seller)
    {
        if (seller)
        {
            if (CredentialsExpired)
            {
                return "Api-key is deactivated, use another one or generate a new one";
            }

            return context.Request.Headers["Client-Id"] == ClientId && context.Request.Headers["Api-Key"] == ApiKey
                ? null
                : "Invalid Api-Key, please check the key and try again";
        }

        if (context.Request.Path == "/api/client/token")
        {
            return null;
        }

        var header = context.Request.Headers.Authorization.ToString();
        lock (_gate)
        {
            return header.StartsWith("Bearer ", StringComparison.Ordinal) && _tokens.TryGetValue(header[7..], out var expires) && _time.GetUtcNow() < expires && !CredentialsExpired
                ? null
                : "invalid or expired token";
        }
    }

    private static Task BadRequestAsync(HttpContext context, bool seller, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.Response.WriteAsJsonAsync(seller ? new { code = 3, message } : (object)new { error = message });
    }

    private bool NextItemFaults() => PriceItemFaultRate > 0 && _itemFaults.NextDouble() < PriceItemFaultRate;
}
