using System.Net.Http.Json;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace MyCompany.Connectors.Acme;

/// <summary>
/// One shop on the marketplace. Replace the two calls with your marketplace's API: <c>GET products</c> lists every
/// product with its price and stock, <c>POST prices</c> sets prices, each under its idempotency key, so a repeated key
/// changes nothing. The shop's key travels in <c>X-Api-Key</c>.
/// </summary>
public sealed class ShopConnector : IMarketplaceConnector, IDisposable
{
    private readonly string _shopId;
    private readonly HttpClient _http;

    /// <summary>Creates the connector; calls nothing.</summary>
    /// <param name="shopId">The shop id stamped on every snapshot.</param>
    /// <param name="baseAddress">The marketplace API's base URL.</param>
    /// <param name="apiKey">The shop's API key; never logged.</param>
    public ShopConnector(string shopId, Uri baseAddress, string apiKey)
    {
        _shopId = shopId;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
    }

    /// <inheritdoc />
    public string Marketplace => ShopConnectorFactory.MarketplaceId;

    /// <inheritdoc />
    public ConnectorCapabilities Capabilities { get; } = new()
    {
        CanPullCatalog = true,
        ActionKinds = [ActionKind.SetPrice],
        UnsupportedReasons = new Dictionary<ActionKind, string> { [ActionKind.CreateCoupon] = "the marketplace API has no coupons" },
        MaxBatchSize = 50,
    };

    /// <inheritdoc />
    public async Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken)
    {
        var products = await _http.GetFromJsonAsync<List<Product>>("products", cancellationToken).ConfigureAwait(false) ?? [];
        var skus = products.Select(p => new SkuSnapshot { Marketplace = Marketplace, ShopId = _shopId, Sku = p.Sku, Title = p.Title, Price = p.Price, Stock = p.Stock }).ToList();
        return new CatalogPage(skus, [], NextCursor: null, HasMore: false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var results = actions.Where(a => a.Action is not SetPrice)
            .Select(a => new ActionResult(a.IdempotencyKey, ActionResultStatus.Rejected, $"{a.Action.Kind} is not supported"))
            .ToList();
        var prices = actions.Where(a => a.Action is SetPrice).Select(a => new PriceChange(a.IdempotencyKey, a.Sku.Sku, ((SetPrice)a.Action).Price)).ToList();
        if (prices.Count == 0)
        {
            return results;
        }

        using var response = await _http.PostAsJsonAsync("prices", prices, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var answers = await response.Content.ReadFromJsonAsync<List<PriceAnswer>>(cancellationToken).ConfigureAwait(false) ?? [];
        results.AddRange(answers.Select(a => new ActionResult(a.Key, a.Applied ? ActionResultStatus.Applied : ActionResultStatus.Rejected, a.Reason)));
        return results;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private sealed record Product(string Sku, string? Title, decimal Price, int Stock);

    private sealed record PriceChange(string Key, string Sku, decimal Price);

    private sealed record PriceAnswer(string Key, bool Applied, string? Reason);
}
