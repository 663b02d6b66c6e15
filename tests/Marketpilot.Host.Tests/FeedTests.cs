using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Marketpilot.Emulators.Kaspi;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

public sealed class FeedTests
{
    [Fact]
    public async Task TheFeedIsServedOnlyWithTheShopsTokenAndNeverWhenItWouldDropOffersOrFailsToBuild()
    {
        using var data = new TempFolder();
        var feedToken = "feed-token-" + Guid.NewGuid().ToString("N");
        var limitFile = Path.Combine(data.Path, "feed-limit");
        var failFile = Path.Combine(data.Path, "feed-fail");
        await using var host = await HostProcess.StartAsync(data.Path, TestShops.Host(
            TestShops.Shop(0, "f", "api-key", ("Credentials:FeedToken", feedToken), ("Settings:SkuCount", "10"),
                ("Settings:FeedLimitFile", limitFile), ("Settings:FeedFailFile", failFile)),
            TestShops.Shop(1, "other", "api-key-2", ("Credentials:FeedToken", "token-of-other"))).Append(LogChannel.OnConsole).ToArray());
        // The first sync writes the ten SKU grains in no particular order: wait for every one, not just the last number.
        foreach (var sku in Enumerable.Range(1, 10).Select(i => $"sku-{i}"))
        {
            await host.EventuallyAsync(() => ShopTests.SkuAsync(host, "f", sku), TimeSpan.FromSeconds(60), $"shop f's {sku}");
        }

        var feeds = new HttpClient { BaseAddress = host.BaseAddress }; // no API key: the marketplace has none
        var url = $"/feeds/testshop/f.xml?token={feedToken}";

        Assert.Equal(HttpStatusCode.NotFound, (await feeds.GetAsync("/feeds/testshop/f.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await feeds.GetAsync("/feeds/testshop/f.xml?token=wrong")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await feeds.GetAsync("/feeds/testshop/f.xml?token=token-of-other")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await feeds.GetAsync($"/feeds/testshop/unknown.xml?token={feedToken}")).StatusCode);

        var served = await feeds.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("application/xml", served.Content.Headers.ContentType?.MediaType);
        var offers = XDocument.Parse(await served.Content.ReadAsStringAsync()).Root!.Elements("offer").ToList();
        Assert.Equal(10, offers.Count);
        Assert.Equal("1001", offers.Single(o => o.Attribute("sku")!.Value == "sku-1").Element("price")!.Value);
        var delivered = Path.Combine(TestShops.StateFolder(data.Path, "f"), "delivered.txt");
        await host.EventuallyAsync(async () => File.Exists(delivered) && (await File.ReadAllTextAsync(delivered)).Contains("build-1") ? Some.Json("true") : null, TimeSpan.FromSeconds(30), "the delivered callback");

        // 9 of 10 is within the allowed 10% drop; 8 of 9 then is not (the last served count is what counts).
        await File.WriteAllTextAsync(limitFile, "9");
        Assert.Equal(HttpStatusCode.OK, (await feeds.GetAsync(url)).StatusCode);
        await File.WriteAllTextAsync(limitFile, "7");
        var refused = await feeds.GetAsync(url);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.DoesNotContain("<offer", await refused.Content.ReadAsStringAsync());
        await host.EventuallyAsync(() => Task.FromResult(host.Output.Contains("Refused the offer feed of shop testshop/f: it lists 7 offers, the last one served listed 9") ? Some.Json("true") : (JsonElement?)null), TimeSpan.FromSeconds(10), "the refusal logged");
        await host.EventuallyAsync(() => Task.FromResult(host.Output.Contains("The offer feed of shop testshop/f was not served") ? Some.Json("true") : (JsonElement?)null), TimeSpan.FromSeconds(10), "the alert on the log channel");
        Assert.DoesNotContain("build-3", await File.ReadAllTextAsync(delivered));

        File.Delete(limitFile);
        await File.WriteAllTextAsync(failFile, "");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await feeds.GetAsync(url)).StatusCode);
        File.Delete(failFile);
        Assert.Equal(HttpStatusCode.OK, (await feeds.GetAsync(url)).StatusCode);

        Assert.DoesNotContain(feedToken, host.Output);
    }

    [Fact]
    public async Task ATitleXmlCannotCarryIsRefusedAndTheKaspiPriceListOfHostileTitlesStaysValidXml()
    {
        using var data = new TempFolder();
        await using var kaspi = new KaspiEmulator();
        await kaspi.StartAsync();
        var feedToken = "feed-token-" + Guid.NewGuid().ToString("N");
        await using var host = await HostProcess.StartAsync(data.Path, [.. RealShops.KaspiArgs(0, kaspi, feedToken)]);
        const string hostile = "]]> <offer sku=\"x\"/> &amp; <![CDATA[ \u00e9 \U0001F600";

        var refused = await host.PostJsonAsync("/api/v1/skus", KaspiSkus(("bell", "ding \u0001 dong")));
        var accepted = await host.PostJsonAsync("/api/v1/skus", KaspiSkus(("hostile", hostile), ("plain", "Kettle")));
        var list = await new KaspiPriceListFetcher(new HttpClient()).FetchAsync(RealShops.FeedUrl(host, feedToken));

        var problem = await Answers.JsonAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains("U+0001 at position 6", problem.GetProperty("errors").GetProperty("[0].title")[0].GetString(), StringComparison.Ordinal);
        await Answers.JsonAsync(accepted, HttpStatusCode.Accepted);
        Assert.Equal(["hostile", "plain"], list.Offers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(hostile, list.Offers["hostile"].Model);
    }

    private static string KaspiSkus(params (string Sku, string Title)[] skus)
    {
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var items = new JsonArray();
        foreach (var (sku, title) in skus)
        {
            var item = Some.Sku(sku, price: 10_000m, cost: 5_000m, marketplace: "kaspi", date: today);
            item["shopId"] = RealShops.KaspiShop;
            item["title"] = title;
            items.Add(item);
        }

        return items.ToJsonString();
    }
}
