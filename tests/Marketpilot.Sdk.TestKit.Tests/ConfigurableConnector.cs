using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Sdk.TestKit.Tests;

/// <summary>A well-behaved in-memory connector whose behaviour each test breaks in one way.</summary>
internal sealed class ConfigurableConnector : IMarketplaceConnector
{
    private readonly Dictionary<string, ActionResult> _results = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _prices = Enumerable.Range(1, 5).ToDictionary(i => $"S-{i}", i => 10m * i, StringComparer.Ordinal);

    public string Marketplace { get; init; } = "acme";

    public ConnectorCapabilities Capabilities { get; init; } = new()
    {
        ActionKinds = [ActionKind.SetPrice],
        CanPullCatalog = true,
        MaxBatchSize = 10,
    };

    public int Pages { get; init; } = 3;

    public bool LoopsForever { get; init; }

    public bool ForgetsKeys { get; init; }

    public bool ThrowsOnUnknownSku { get; init; }

    public bool AppliesEverything { get; init; }

    public bool IgnoresCancellation { get; init; }

    public bool DropsLastResult { get; init; }

    public bool AddsCampaigns { get; init; }

    public decimal PriceOf(string sku) => _prices[sku];

    public Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken)
    {
        if (!IgnoresCancellation)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        var index = cursor is null ? 0 : int.Parse(cursor, System.Globalization.CultureInfo.InvariantCulture);
        var skus = index < Pages
            ? _prices.Select(p => new SkuSnapshot { Marketplace = Marketplace, ShopId = "shop", Sku = p.Key, Price = p.Value, Date = new DateOnly(2026, 1, 1).AddDays(index) }).ToList()
            : [];
        List<CampaignSnapshot> campaigns = AddsCampaigns && index < Pages
            ? [new CampaignSnapshot { Marketplace = Marketplace, ShopId = "shop", CampaignId = "c-1", Name = "ads", Kind = CampaignKind.Ad, Status = CampaignStatus.Active }]
            : [];
        var next = LoopsForever ? "1" : Math.Min(index + 1, Pages).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Task.FromResult(new CatalogPage(skus, campaigns, next, LoopsForever || index + 1 < Pages));
    }

    public Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken)
    {
        if (!IgnoresCancellation)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        var results = new List<ActionResult>();
        foreach (var request in actions)
        {
            if (!ForgetsKeys && _results.TryGetValue(request.IdempotencyKey, out var known))
            {
                results.Add(known);
                continue;
            }

            ActionResult result;
            if (!_prices.ContainsKey(request.Sku.Sku) && !AppliesEverything)
            {
                result = ThrowsOnUnknownSku
                    ? throw new InvalidOperationException($"404 {request.Sku.Sku}")
                    : new ActionResult(request.IdempotencyKey, ActionResultStatus.Rejected, $"Unknown SKU '{request.Sku.Sku}'.");
            }
            else if (request.Action is SetPrice set && _prices.ContainsKey(request.Sku.Sku) && (AppliesEverything || Capabilities.Supports(ActionKind.SetPrice)))
            {
                _prices[request.Sku.Sku] = set.Price;
                result = new ActionResult(request.IdempotencyKey, ActionResultStatus.Applied);
            }
            else
            {
                result = AppliesEverything
                    ? new ActionResult(request.IdempotencyKey, ActionResultStatus.Applied)
                    : new ActionResult(request.IdempotencyKey, ActionResultStatus.Rejected, $"{request.Action.Kind} is not supported.");
            }

            _results[request.IdempotencyKey] = result;
            results.Add(result);
        }

        return Task.FromResult<IReadOnlyList<ActionResult>>(DropsLastResult && results.Count > 1 ? results[..^1] : results);
    }
}
