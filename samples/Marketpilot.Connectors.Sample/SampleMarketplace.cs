namespace Marketpilot.Connectors.Sample;

/// <summary>
/// Stands in for a marketplace's HTTP API: a shop of 120 SKUs held in memory. Replace it with your API client; keep
/// the connector's mapping from API answers to <see cref="Sdk.Connectors.ActionResult"/>s.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class SampleMarketplace
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, decimal> _prices = new(StringComparer.Ordinal);

    public SampleMarketplace()
    {
        for (var i = 1; i <= 120; i++)
        {
            _prices[$"SKU-{i:D4}"] = 100m + i;
        }
    }

    /// <summary>The SKUs after <paramref name="after"/> (exclusive), in id order, at most <paramref name="take"/>.</summary>
    public IReadOnlyList<(string Sku, decimal Price)> ListSkus(string? after, int take)
    {
        lock (_gate)
        {
            return [.. _prices.Where(p => after is null || string.CompareOrdinal(p.Key, after) > 0).Take(take).Select(p => (p.Key, p.Value))];
        }
    }

    /// <summary>Sets a price; returns the marketplace's error text, or <see langword="null"/> on success.</summary>
    public string? SetPrice(string sku, decimal price)
    {
        lock (_gate)
        {
            if (!_prices.ContainsKey(sku))
            {
                return $"404: SKU '{sku}' not found";
            }

            if (price <= 0)
            {
                return "400: price must be positive";
            }

            _prices[sku] = price;
            return null;
        }
    }

    public decimal PriceOf(string sku)
    {
        lock (_gate)
        {
            return _prices[sku];
        }
    }
}
