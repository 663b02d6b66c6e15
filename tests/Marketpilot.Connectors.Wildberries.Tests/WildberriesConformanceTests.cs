using System.Globalization;
using Marketpilot.Connectors.Wildberries.Tests.Support;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Conformance;
using Marketpilot.Sdk.TestKit;

namespace Marketpilot.Connectors.Wildberries.Tests;

/// <summary>The Wildberries connector against the connector contract, talking to the emulator.</summary>
public sealed class WildberriesConformanceTests : ConnectorConformanceTests, IAsyncLifetime
{
    private WildberriesShop _shop = null!;

    public async Task InitializeAsync() => _shop = await WildberriesShop.StartAsync();

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    protected override IMarketplaceConnector CreateConnector() => _shop.Connector();

    // The emulator shows what an action changed, so the idempotency check also compares the shop's state.
    protected override ConnectorConformanceOptions CreateOptions() => new()
    {
        Observe = (_, sku, _) => Task.FromResult(_shop.Emulator.Read(e =>
            e.Items.TryGetValue(long.Parse(sku.Sku, CultureInfo.InvariantCulture), out var item) ? $"{item.Price}/{item.Discount}" : "absent")),
    };
}

/// <summary>Fails when the kit gains a suite this project does not derive.</summary>
public sealed class ConformanceCoverage : ConformanceSuiteCoverageTests;

/// <summary>
/// The Wildberries plugin as the host loads it: its published folder (published-plugin/ next to these tests, see
/// tests/Directory.Build.targets) against every manifest check, including the published-folder ones.
/// </summary>
public sealed class WildberriesManifestConformanceTests : PluginManifestConformanceTests
{
    protected override string PluginFolder => Path.Combine(AppContext.BaseDirectory, "published-plugin");

    protected override bool IsPublishedFolder => true;
}
