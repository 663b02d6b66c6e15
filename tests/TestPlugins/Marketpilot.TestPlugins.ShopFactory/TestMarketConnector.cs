using System.Net.Http.Json;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.TestPlugins.ShopFactory;

/// <summary>
/// One shop of the test marketplace: <c>GET skus</c> lists every SKU with its price, <c>POST prices</c> sets prices
/// by idempotency key; both carry the shop's key in <c>X-Api-Key</c>. Only prices can be changed.
/// </summary>
public sealed class TestMarketConnector : IMarketplaceConnector, IDisposable
{
    private readonly string _shopId;
    private readonly HttpClient _http;

    /// <summary>Creates the connector; calls nothing.</summary>
    /// <param name="shopId">The shop id stamped on every snapshot.</param>
    /// <param name="baseAddress">The marketplace's base URL.</param>
    /// <param name="apiKey">The shop's API key.</param>
    public TestMarketConnector(string shopId, Uri baseAddress, string apiKey)
    {
        _shopId = shopId;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
    }

    /// <inheritdoc />
    public string Marketplace => TestMarketConnectorFactory.MarketplaceId;

    /// <inheritdoc />
    public ConnectorCapabilities Capabilities { get; } = new() { CanPullCatalog = true, ActionKinds = [ActionKind.SetPrice], MaxBatchSize = 20 };

    /// <inheritdoc />
    public async Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken)
    {
        var items = await _http.GetFromJsonAsync<List<TestMarketItem>>("skus", cancellationToken).ConfigureAwait(false) ?? [];
        var skus = items.Select(i => new SkuSnapshot { Marketplace = Marketplace, ShopId = _shopId, Sku = i.Sku, Price = i.Price }).ToList();
        return new CatalogPage(skus, [], NextCursor: null, HasMore: false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var results = actions.Where(a => a.Action is not SetPrice)
            .Select(a => new ActionResult(a.IdempotencyKey, ActionResultStatus.Rejected, $"the test marketplace only changes prices, not {a.Action.Kind}"))
            .ToList();
        var prices = actions.Where(a => a.Action is SetPrice).Select(a => new TestMarketPrice(a.IdempotencyKey, a.Sku.Sku, ((SetPrice)a.Action).Price)).ToList();
        if (prices.Count > 0)
        {
            using var response = await _http.PostAsJsonAsync("prices", prices, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var answers = await response.Content.ReadFromJsonAsync<List<TestMarketAnswer>>(cancellationToken).ConfigureAwait(false) ?? [];
            results.AddRange(answers.Select(a => new ActionResult(a.Key, a.Applied ? ActionResultStatus.Applied : ActionResultStatus.Rejected, a.Reason)));
        }

        return results;
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}

/// <summary>A SKU as the test marketplace lists it.</summary>
/// <param name="Sku">The SKU id.</param>
/// <param name="Price">Its price.</param>
public sealed record TestMarketItem(string Sku, decimal Price);

/// <summary>A price change sent to the test marketplace.</summary>
/// <param name="Key">The idempotency key.</param>
/// <param name="Sku">The SKU id.</param>
/// <param name="Price">The new price.</param>
public sealed record TestMarketPrice(string Key, string Sku, decimal Price);

/// <summary>The test marketplace's answer for one price change.</summary>
/// <param name="Key">The idempotency key.</param>
/// <param name="Applied">Whether the price is set.</param>
/// <param name="Reason">Why not.</param>
public sealed record TestMarketAnswer(string Key, bool Applied, string? Reason);
