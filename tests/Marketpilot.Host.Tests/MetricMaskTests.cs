using System.Text.Json;
using System.Text.Json.Nodes;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

public sealed class MetricMaskTests
{
    [Fact]
    public async Task AConnectorThatPullsOnlyOrdersKeepsTheDaysOtherMetricsInsteadOfOverwritingThemWithZero()
    {
        using var data = new TempFolder();
        await using var host = await HostProcess.StartAsync(data.Path, TestShops.Host(
            TestShops.Shop(0, "m", "api-key", ("Settings:SkuCount", "1"), ("Settings:Date", "2026-01-10"))));
        await host.EventuallyAsync(() => ShopTests.SkuAsync(host, "m", "sku-1"), TimeSpan.FromSeconds(60), "shop m's sku-1");

        // The API posts every metric of the day; the connector then pulls the same day with orders only.
        var posted = Some.Sku("sku-1", price: 1001m, marketplace: TestShops.Marketplace, date: "2026-01-10");
        posted["shopId"] = "m";
        posted["orders"] = 7;
        Assert.Equal(202, (int)(await host.PostJsonAsync("/api/v1/skus", new JsonArray(posted).ToJsonString())).StatusCode);

        var day = await host.EventuallyAsync(
            async () =>
            {
                var history = (await ShopTests.SkuAsync(host, "m", "sku-1"))!.Value.GetProperty("history").EnumerateArray().Single();
                // Orders back at the connector's 5 means a pull came after the post.
                return history.GetProperty("orders").GetInt64() == 5 && history.GetProperty("clicks").GetInt64() > 0 ? history : null;
            },
            TimeSpan.FromSeconds(60),
            "a pull after the post");

        Assert.Equal(1000, day.GetProperty("impressions").GetInt64());
        Assert.Equal(40, day.GetProperty("clicks").GetInt64());
        Assert.Equal(6, day.GetProperty("addToCart").GetInt64());
    }

    [Fact]
    public async Task AShopsConnectorThatReturnsAnotherShopsSnapshotsIsRefusedAndLogged()
    {
        using var data = new TempFolder();
        await using var host = await HostProcess.StartAsync(data.Path, TestShops.Host(
            TestShops.Shop(0, "honest", "k1", ("Settings:SkuCount", "1")),
            TestShops.Shop(1, "rogue", "k2", ("Settings:SkuCount", "1"), ("Settings:StampShopId", "honest-twin"))));
        await host.EventuallyAsync(() => ShopTests.SkuAsync(host, "honest", "sku-1"), TimeSpan.FromSeconds(60), "shop honest's sku-1");
        await host.EventuallyAsync(
            () => Task.FromResult(host.Output.Contains("The connector of testshop/rogue returned testshop/honest-twin/sku-1, which belongs to another marketplace or shop; refused it") ? Some.Json("true") : (JsonElement?)null),
            TimeSpan.FromSeconds(60),
            "the refusal of the rogue shop's snapshot");

        Assert.Null(await ShopTests.SkuAsync(host, "honest-twin", "sku-1"));
    }
}
