using Marketpilot.Connectors.Kaspi.Tests.Support;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Conformance;
using Marketpilot.Sdk.TestKit;

namespace Marketpilot.Connectors.Kaspi.Tests;

/// <summary>The Kaspi connector against the connector contract, talking to the Kaspi emulator.</summary>
public sealed class KaspiConformanceTests : ConnectorConformanceTests, IAsyncLifetime
{
    private KaspiShop _shop = null!;

    public async Task InitializeAsync()
    {
        _shop = await KaspiShop.StartAsync();
        _shop.Emulator.AddOrders(Some.OneOrderEach(Some.Skus(3), daysAgo: 0));
        _shop.Emulator.AddOrders(Some.OneOrderEach(Some.Skus(2), daysAgo: 9));
    }

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    protected override IMarketplaceConnector CreateConnector() => _shop.Connect();

    [Theory]
    [InlineData(ConformanceCheckNames.ApplyBatchLimit)]
    [InlineData(ConformanceCheckNames.ApplyIdempotent)]
    [InlineData(ConformanceCheckNames.ApplyErrorMapping)]
    public async Task TheApplyChecksRunOnPulledSkusRatherThanSkip(string check)
    {
        var result = await AssertCheckAsync(check);

        Assert.Equal(ConformanceOutcome.Passed, result.Outcome);
    }

    // Replaying a key must leave the recorded price (what the next price list carries) as it was.
    protected override ConnectorConformanceOptions CreateOptions() => new()
    {
        Observe = (connector, sku, _) => Task.FromResult(((KaspiConnector)connector).DescribeRecordedPrice(sku.Sku)),
    };
}
