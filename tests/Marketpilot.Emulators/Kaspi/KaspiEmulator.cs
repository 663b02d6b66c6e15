using System.Collections.Concurrent;
using System.Text.Json;
using Marketpilot.Emulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Marketpilot.Emulators.Kaspi;

/// <summary>
/// Kaspi.kz's merchant API on loopback: <c>GET /shop/api/v2/orders</c> with the documented query, <c>X-Auth-Token</c>
/// and JSON:API answer, plus the storefront that Kaspi's price-list fetcher updates (<see cref="FetchPriceListAsync"/>).
/// </summary>
/// <remarks>
/// Kaspi has no price, promotion or advertising API, so the emulator's state is its orders (seeded or added by a test)
/// and the offers of the last price list it fetched. Thread-safe.
/// </remarks>
public sealed class KaspiEmulator : LoopbackEmulator
{
    private const string JsonApi = "application/vnd.api+json";

    private readonly ConcurrentDictionary<string, KaspiEmulatorOrder> _orders = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _refusals = new();
    private readonly ConcurrentQueue<KaspiPriceList> _fetched = new();
    private readonly KaspiPriceListFetcher _fetcher = new();
    private int _requests;

    /// <summary>The token every request must carry in <c>X-Auth-Token</c>.</summary>
    public string Token { get; set; } = "kaspi-emulator-token-" + Guid.NewGuid().ToString("N");

    /// <summary>When <see langword="true"/>, every request is answered 401 as for a revoked or expired token.</summary>
    public bool TokenExpired { get; set; }

    /// <summary>The clock that defaults <c>$le</c>; the system clock unless a test sets it.</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>The base URL a connector is configured with (its <c>BaseUrl</c> setting): <c>…/shop/api</c>.</summary>
    public Uri ApiBaseUrl => new(BaseAddress, "shop/api");

    /// <summary>Requests that reached a route (faults injected before the routes are not counted).</summary>
    public int Requests => _requests;

    /// <summary>Why requests were answered 400 or 401, oldest first.</summary>
    public IReadOnlyList<string> Refusals => [.. _refusals];

    /// <summary>Every price list fetched and accepted, oldest first.</summary>
    public IReadOnlyList<KaspiPriceList> FetchedPriceLists => [.. _fetched];

    /// <summary>The offers Kaspi shows now: those of the last price list it accepted; <see langword="null"/> before the first.</summary>
    public KaspiPriceList? Storefront => _fetched.LastOrDefault();

    /// <summary>Adds or replaces orders.</summary>
    public void AddOrders(IEnumerable<KaspiEmulatorOrder> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        foreach (var order in orders)
        {
            _orders[order.Id] = order;
        }
    }

    /// <summary>Changes an order's status (a return, a cancellation), as Kaspi does after the order was created.</summary>
    public void SetStatus(string orderId, string state, string status) =>
        _orders.AddOrUpdate(orderId, _ => throw new KeyNotFoundException(orderId), (_, o) => o with { State = state, Status = status });

    /// <summary>
    /// Does what Kaspi does on its schedule: GETs the seller's price list from <paramref name="url"/>, checks it against
    /// the schema and, when it passes, shows its offers (<see cref="Storefront"/>).
    /// </summary>
    /// <exception cref="KaspiPriceListException">The list could not be fetched or does not follow the schema; the storefront is unchanged.</exception>
    public async Task<KaspiPriceList> FetchPriceListAsync(Uri url, CancellationToken cancellationToken = default)
    {
        var list = await _fetcher.FetchAsync(url, cancellationToken).ConfigureAwait(false);
        _fetched.Enqueue(list);
        return list;
    }

    /// <inheritdoc />
    protected override void MapRoutes(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/shop/api/v2/orders", ListOrders);
    }

    private async Task ListOrders(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var request = context.Request;
        if (TokenExpired || !string.Equals(request.Headers["X-Auth-Token"].ToString(), Token, StringComparison.Ordinal))
        {
            await Refuse(context, StatusCodes.Status401Unauthorized, TokenExpired ? "token expired" : "missing or wrong X-Auth-Token", "Unauthorized").ConfigureAwait(false);
            return;
        }

        if (!request.Headers.Accept.ToString().Contains(JsonApi, StringComparison.OrdinalIgnoreCase))
        {
            await Refuse(context, StatusCodes.Status406NotAcceptable, "Accept is not application/vnd.api+json", "Not acceptable").ConfigureAwait(false);
            return;
        }

        if (KaspiOrdersQuery.TryParse(request.Query, Now(), out var error) is not { } query)
        {
            await Refuse(context, StatusCodes.Status400BadRequest, error!, error!).ConfigureAwait(false);
            return;
        }

        var matching = _orders.Values
            .Where(o => o.State == query.State && o.CreatedAt >= query.From && o.CreatedAt <= query.To && (query.Status is null || o.Status == query.Status))
            .OrderBy(o => o.CreatedAt).ThenBy(o => o.Id, StringComparer.Ordinal)
            .ToList();
        var page = matching.Skip(query.Page * query.Size).Take(query.Size).ToList();
        context.Response.ContentType = JsonApi;
        await context.Response.WriteAsync(KaspiOrdersDocument.Write(page, matching.Count, query.Size, ApiBaseUrl), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task Refuse(HttpContext context, int status, string why, string title)
    {
        _refusals.Enqueue($"{status} {context.Request.Path}{context.Request.QueryString}: {why}");
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonApi;
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { errors = new[] { new { title } } }), context.RequestAborted).ConfigureAwait(false);
    }
}
