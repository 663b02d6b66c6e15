using System.Globalization;
using Marketpilot.Connectors.Ozon.Tests.Support;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Conformance;
using Marketpilot.Sdk.TestKit;

namespace Marketpilot.Connectors.Ozon.Tests;

/// <summary>The Ozon connector against the connector contract, every check of the kit, on a seeded emulator of two pages.</summary>
public sealed class OzonConformanceTests : ConnectorConformanceTests, IAsyncLifetime
{
    private OzonTestShop _shop = null!;

    public async Task InitializeAsync() => _shop = await OzonTestShop.StartAsync(products: 1200);

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    protected override IMarketplaceConnector CreateConnector() => _shop.Connector();

    // The emulator shows what an action changed, so the idempotency check also compares the shop's state.
    protected override ConnectorConformanceOptions CreateOptions() => new()
    {
        Observe = (_, sku, _) =>
        {
            var product = _shop.Emulator.Product(sku.Sku);
            return Task.FromResult(string.Create(CultureInfo.InvariantCulture, $"price {product.Price}, changes {product.PriceChanges.Count}"));
        },
    };
}
