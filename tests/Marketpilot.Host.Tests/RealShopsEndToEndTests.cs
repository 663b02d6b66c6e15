using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketpilot.Emulators.Kaspi;
using Marketpilot.Emulators.Ozon;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

/// <summary>
/// Issue 12 end to end: the real executable with an Ozon, a Wildberries and a Kaspi shop pointed at their emulators and
/// only the sample rule min-margin.csx.
/// </summary>
public sealed class RealShopsEndToEndTests
{
    private const string UnderMarginOffer = "OFR-00001";
    private const string KaspiSku = "KSP-E2E-1";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task AnUnderMarginSkuIsRaisedAtItsOwnMarketplaceKaspiThroughTheFeedAScopedKeySeesOnlyItsShopAndNoCredentialIsShown()
    {
        using var data = new TempFolder();
        using var scripts = new TempFolder();
        File.Copy(Path.Combine(RepoPaths.Scripts, "min-margin.csx"), Path.Combine(scripts.Path, "min-margin.csx"));
        var ozonCost = 950m; // the seeded price is 1001: a margin of 5%
        await using var shops = await RealShops.StartAsync(ozon =>
        {
            ozon.Seed(3);
            ozon.Product(UnderMarginOffer).NetPrice = ozonCost;
        });
        var wbPricesBefore = shops.Wildberries.Read(e => e.Items.ToDictionary(i => i.Key, i => (i.Value.Price, i.Value.Discount)));
        var scopedKey = "scoped-ozon-" + Guid.NewGuid().ToString("N");
        await using var host = await HostProcess.StartWithScriptsAsync(data.Path, scripts.Path,
        [
            "--Marketpilot:Sync:PollIntervalMilliseconds=500",
            // The bundled simulator still syncs its own shop; kept small, its SKUs are in none of the three shops.
            "--Marketpilot:Plugins:simulator:SkuCount=3", "--Marketpilot:Plugins:simulator:BackfillDays=0",
            // Kaspi's price action is retried until the feed carried it: short delays, and no attempt limit.
            "--Marketpilot:Actions:RetryDelayMilliseconds=200", "--Marketpilot:Actions:MaxRetryDelayMilliseconds=1000",
            "--Marketpilot:Actions:RetryPollMilliseconds=200", "--Marketpilot:Actions:MaxAttempts=0",
            $"--Marketpilot:Api:ScopedKeys:0:Key={scopedKey}", $"--Marketpilot:Api:ScopedKeys:0:Shops:0=ozon/{RealShops.OzonShop}",
            .. shops.HostArgs(),
        ]);

        var configured = await host.GetJsonAsync<JsonElement>("/api/v1/shops");
        Assert.All(configured.EnumerateArray(), s => Assert.True(s.GetProperty("status").GetString() == "ready", $"shop {ShopKey(s)} is not ready: {s}"));
        Assert.Equal(3, configured.GetArrayLength());

        // 1. The Ozon SKU under the 12% minimum margin gets the rule's floor at the Ozon emulator.
        var ozonFloor = MinMarginFloor(ozonCost);
        await host.EventuallyAsync(
            () => Task.FromResult(shops.Ozon.Product(UnderMarginOffer).Price == ozonFloor ? Some.Json("true") : (JsonElement?)null),
            Generous, $"the Ozon emulator's price of {UnderMarginOffer} to become {ozonFloor}");
        Assert.Equal(1, shops.Ozon.PriceUpdates.GetValueOrDefault(UnderMarginOffer));
        Assert.Equal(0, shops.Ozon.PriceUpdates.GetValueOrDefault(OzonEmulator.OfferId(2)));

        // The Wildberries shop was pulled (so its SKUs reached the rule) and saw no price change.
        var wbSku = wbPricesBefore.Keys.First().ToString(CultureInfo.InvariantCulture);
        await host.EventuallyAsync(() => SkuAsync(host.Client, "wildberries", RealShops.WildberriesShop, wbSku), Generous, $"Wildberries SKU {wbSku} pulled");
        Assert.Equal(wbPricesBefore, shops.Wildberries.Read(e => e.Items.ToDictionary(i => i.Key, i => (i.Value.Price, i.Value.Discount))));
        Assert.DoesNotContain(shops.Wildberries.Changes, c => c.Kind == "price");
        Assert.Equal(0, shops.Wildberries.UploadCount);

        // 2. The action log shows that price action applied, with the Ozon shop.
        var ozonAction = await host.EventuallyAsync(
            () => ActionAsync(host.Client, "ozon", RealShops.OzonShop, UnderMarginOffer, "applied"), Generous, "the Ozon price action applied in the log");
        Assert.Equal("min-margin", ozonAction.GetProperty("ruleId").GetString());
        Assert.Equal(ozonFloor, ozonAction.GetProperty("action").GetProperty("price").GetDecimal());

        // 3. Kaspi has no catalog API: the seller posts the SKU. Kaspi prices only what it lists (docs/connectors.md,
        // Kaspi brakes), so the SKU first reaches Kaspi at a healthy margin through a fetched price list.
        using var feeds = new HttpClient { BaseAddress = host.BaseAddress }; // Kaspi sends no API key
        var fetcher = new KaspiPriceListFetcher(feeds);
        await PostKaspiSkuAsync(host, cost: 5_000m);
        var listed = await fetcher.FetchAsync(RealShops.FeedUrl(host, shops.FeedToken));
        Assert.Equal(10_000m, listed.Offers[KaspiSku].Price);

        // Its cost rises: under the minimum margin, the rule's price action waits for Kaspi to fetch the list.
        var kaspiCost = 9_500m;
        await PostKaspiSkuAsync(host, kaspiCost);
        var waiting = await host.EventuallyAsync(
            () => ActionAsync(host.Client, "kaspi", RealShops.KaspiShop, KaspiSku, "proposed", reasonContains: "Waiting for Kaspi"), Generous, "the Kaspi price action waiting for the feed");
        var kaspiFloor = MinMarginFloor(kaspiCost);
        Assert.Equal(kaspiFloor, waiting.GetProperty("action").GetProperty("price").GetDecimal());

        Assert.Equal(HttpStatusCode.NotFound, (await feeds.GetAsync(RealShops.FeedUrl(host, "wrong-" + shops.FeedToken))).StatusCode);
        var priceList = await fetcher.FetchAsync(RealShops.FeedUrl(host, shops.FeedToken));
        Assert.Equal("E2EMerchant1", priceList.MerchantId);
        Assert.Equal(Math.Ceiling(kaspiFloor), priceList.Offers[KaspiSku].Price); // whole tenge, rounded up so the floor holds
        var kaspiAction = await host.EventuallyAsync(
            () => ActionAsync(host.Client, "kaspi", RealShops.KaspiShop, KaspiSku, "applied"), Generous, "the Kaspi price action applied after the fetch");
        Assert.Equal(waiting.GetProperty("actionId").GetString(), kaspiAction.GetProperty("actionId").GetString());

        // 4. A key scoped to the Ozon shop sees that shop only.
        using var scoped = new HttpClient { BaseAddress = host.BaseAddress };
        scoped.DefaultRequestHeaders.Add("X-Api-Key", scopedKey);
        var scopedShops = await Answers.JsonAsync(await scoped.GetAsync("/api/v1/shops"), HttpStatusCode.OK);
        Assert.Equal([$"ozon/{RealShops.OzonShop}"], scopedShops.EnumerateArray().Select(ShopKey));
        Assert.NotNull(await SkuAsync(scoped, "ozon", RealShops.OzonShop, UnderMarginOffer));
        Assert.NotNull(await SkuAsync(host.Client, "kaspi", RealShops.KaspiShop, KaspiSku));
        Assert.Equal(HttpStatusCode.NotFound, (await scoped.GetAsync($"/api/v1/skus/wildberries/{RealShops.WildberriesShop}/{wbSku}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scoped.GetAsync($"/api/v1/skus/kaspi/{RealShops.KaspiShop}/{KaspiSku}")).StatusCode);
        var scopedActions = (await Answers.JsonAsync(await scoped.GetAsync("/api/v1/actions?limit=1000"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(scopedActions, a => a.GetProperty("actionId").GetString() == ozonAction.GetProperty("actionId").GetString());
        Assert.All(scopedActions, a => Assert.Equal($"ozon/{RealShops.OzonShop}", ShopKey(a.GetProperty("sku"))));

        // 5. No credential value in the shops list, the host's output or its log files.
        var shopsJson = await (await host.Client.GetAsync("/api/v1/shops")).Content.ReadAsStringAsync();
        await host.StopAsync();
        var logs = string.Concat(Directory.GetFiles(data.Path, "*.log", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.Contains($"kaspi/{RealShops.KaspiShop}", logs); // the log files were written, shops and all
        foreach (var (what, secret) in shops.Secrets)
        {
            foreach (var (where, text) in new[] { ("GET /api/v1/shops", shopsJson), ("the host's output", host.Output), ("the log files", logs) })
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{where} shows {what}");
            }
        }
    }

    /// <summary>What min-margin.csx proposes: the lowest price with a 12% margin, rounded up to the cent.</summary>
    private static decimal MinMarginFloor(decimal cost) => Math.Ceiling(cost / (1 - 0.12m) * 100) / 100;

    private static async Task PostKaspiSkuAsync(HostProcess host, decimal cost)
    {
        var snapshot = Some.Sku(KaspiSku, price: 10_000m, cost: cost, marketplace: "kaspi", date: DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        snapshot["shopId"] = RealShops.KaspiShop;
        await Answers.JsonAsync(await host.PostJsonAsync("/api/v1/skus", new JsonArray(snapshot).ToJsonString()), HttpStatusCode.Accepted);
    }

    private static string ShopKey(JsonElement item) => $"{item.GetProperty("marketplace").GetString()}/{item.GetProperty("shopId").GetString()}";

    private static async Task<JsonElement?> SkuAsync(HttpClient client, string marketplace, string shopId, string sku)
    {
        var response = await client.GetAsync($"/api/v1/skus/{marketplace}/{shopId}/{Uri.EscapeDataString(sku)}");
        return response.IsSuccessStatusCode ? Some.Json(await response.Content.ReadAsStringAsync()) : null;
    }

    /// <summary>The SKU's SetPrice action in the log with <paramref name="status"/> (and a reason containing <paramref name="reasonContains"/>), if there is one yet.</summary>
    private static async Task<JsonElement?> ActionAsync(HttpClient client, string marketplace, string shopId, string sku, string status, string? reasonContains = null)
    {
        var page = await Answers.JsonAsync(await client.GetAsync($"/api/v1/actions?sku={Uri.EscapeDataString(sku)}&status={status}"), HttpStatusCode.OK);
        foreach (var item in page.GetProperty("items").EnumerateArray())
        {
            if (ShopKey(item.GetProperty("sku")) == $"{marketplace}/{shopId}"
                && item.GetProperty("action").GetProperty("kind").GetString() == "setPrice"
                && (reasonContains is null || (item.TryGetProperty("statusReason", out var reason) && reason.GetString()!.Contains(reasonContains, StringComparison.Ordinal))))
            {
                return item;
            }
        }

        return null;
    }
}
