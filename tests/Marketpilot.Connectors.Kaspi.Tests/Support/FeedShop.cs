using Marketpilot.Emulators.Kaspi;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Connectors.Kaspi.Tests.Support;

/// <summary>A Kaspi shop whose host serves its price list (<see cref="FeedServer"/>) from snapshots the test holds.</summary>
public sealed class FeedShop : IAsyncDisposable
{
    private FeedShop(KaspiShop shop)
    {
        Shop = shop;
        Connector = shop.Connect();
        Server = new FeedServer(() => Connector, () => [.. Offers.Values]);
    }

    public KaspiShop Shop { get; }

    /// <summary>The current connector; <see cref="Restart"/> replaces it, as a host restart would.</summary>
    public KaspiConnector Connector { get; private set; }

    public FeedServer Server { get; }

    /// <summary>The host's current snapshot of each SKU.</summary>
    public Dictionary<string, SkuSnapshot> Offers { get; } = new(StringComparer.Ordinal);

    public static async Task<FeedShop> StartAsync(IEnumerable<string> skus, decimal price = 1000m)
    {
        var shop = new FeedShop(await KaspiShop.StartAsync());
        foreach (var sku in skus)
        {
            shop.Offers[sku] = Some.Offer(sku, price);
        }

        await shop.Server.StartAsync();
        return shop;
    }

    /// <summary>Kaspi fetches the price list once; <see langword="null"/> when the fetch failed.</summary>
    public async Task<KaspiPriceList?> KaspiFetchesAsync()
    {
        try
        {
            return await Shop.Emulator.FetchPriceListAsync(Server.FeedUrl);
        }
        catch (KaspiPriceListException)
        {
            return null;
        }
    }

    public decimal? PriceOnKaspi(string sku) => Shop.Emulator.Storefront?.Offers.GetValueOrDefault(sku)?.Price;

    public void Restart()
    {
        Connector.Dispose();
        Connector = Shop.Connect();
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Shop.DisposeAsync();
    }
}
