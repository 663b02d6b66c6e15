using System.Text.Json;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

public sealed class SimulatedShopTests
{
    [Fact]
    public async Task TheHostPullsTheSimulatorAndAppliesTheActionsItsRulesProposeOnDataAndOnEvents()
    {
        using var data = new TempFolder();
        await using var host = await HostProcess.StartAsync(
            data.Path,
            "--Marketpilot:Plugins:simulator:SkuCount=40",
            "--Marketpilot:Plugins:simulator:BackfillDays=8",
            "--Marketpilot:Sync:PollIntervalMilliseconds=200");

        var applied = await host.EventuallyAsync(
            async () =>
            {
                var page = await host.GetJsonAsync<JsonElement>("/api/v1/actions?rule=min-margin&status=applied");
                return page.GetProperty("items").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first ? first : null;
            },
            TimeSpan.FromSeconds(180),
            "an applied min-margin action on the simulated shop");

        // The simulator's views reach retargeting.csx, which follows up those nobody ordered after within a day.
        var retargeted = await host.EventuallyAsync(
            async () =>
            {
                var page = await host.GetJsonAsync<JsonElement>("/api/v1/actions?rule=retargeting");
                return page.GetProperty("items").EnumerateArray().FirstOrDefault(a => a.GetProperty("action").GetProperty("kind").GetString() == "createCoupon") is { ValueKind: JsonValueKind.Object } first ? first : null;
            },
            TimeSpan.FromSeconds(180),
            "a retargeting action on a simulated view");
        Assert.StartsWith("shopper shopper-", retargeted.GetProperty("action").GetProperty("reason").GetString() ?? "", StringComparison.Ordinal);

        var sku = applied.GetProperty("sku");
        Assert.Equal("simulator", sku.GetProperty("marketplace").GetString());
        var state = await host.GetJsonAsync<JsonElement>($"/api/v1/skus/simulator/{sku.GetProperty("shopId").GetString()}/{sku.GetProperty("sku").GetString()}");
        Assert.True(state.GetProperty("history").GetArrayLength() >= 1);
    }
}
