using Marketpilot.Sdk.Conformance;

namespace MyCompany.Connectors.Acme.Tests;

/// <summary>The kit's factory checks: a missing key is named (never its value), and Create calls nothing.</summary>
public sealed class ShopConnectorFactoryTests
{
    [Fact]
    public async Task TheFactoryChecksThatNeedNoMarketplacePass()
    {
        var results = await new ConnectorFactoryConformance(new ShopConnectorFactory()).RunAllAsync();

        Assert.All(results.Where(r => ConformanceCheckNames.Factory.Contains(r.Name)), r => Assert.True(r.Outcome == ConformanceOutcome.Passed, r.ToString()));
    }

    [Fact]
    public async Task TheOnlineChecksPassAgainstTheEmulator()
    {
        await using var emulator = new MarketplaceEmulator("key");
        await emulator.StartAsync();
        var shop = ShopConnectorConformanceTests.Shop(emulator.BaseAddress, "key", Path.GetTempPath());

        var results = await new ConnectorFactoryConformance(new ShopConnectorFactory(), new() { Shop = shop }).RunAllAsync();

        Assert.All(results, r => Assert.True(r.Outcome == ConformanceOutcome.Passed, r.ToString()));
    }
}
