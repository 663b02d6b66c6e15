using System.Net;
using System.Text.Json.Nodes;

namespace Marketpilot.Host.Tests.Support;

/// <summary>
/// A running host with its generated admin key and three scoped keys: A sees <c>simulator/demo</c> and
/// <c>ozon/shop-a2</c>; B sees <c>ozon/shop-b</c>; R sees <c>ozon/shop-b</c> read-only. Each of A's ozon shop and B's
/// shop has a SKU under the minimum margin (so min-margin logged an action for it) and an ad campaign.
/// </summary>
public sealed class ScopedKeysFixture : IAsyncLifetime
{
    public const string DemoShop = "simulator/demo";
    public const string ShopA = "ozon/shop-a2";
    public const string ShopB = "ozon/shop-b";
    public const string SkuA = "A2-1";
    public const string SkuB = "B-1";
    public const string CampaignA = "ad-a2";
    public const string CampaignB = "ad-b";

    private readonly TempFolder _data = new();
    private readonly List<HttpClient> _clients = [];

    public HostProcess Host { get; private set; } = null!;

    public HttpClient Admin => Host.Client;

    public HttpClient A { get; private set; } = null!;

    public HttpClient B { get; private set; } = null!;

    public HttpClient ReadOnlyB { get; private set; } = null!;

    public string KeyA { get; } = "scoped-a-" + Guid.NewGuid().ToString("N");

    public string KeyB { get; } = "scoped-b-" + Guid.NewGuid().ToString("N");

    public string KeyReadOnlyB { get; } = "scoped-r-" + Guid.NewGuid().ToString("N");

    // Two configured Ozon shops (sync is off: nothing calls the placeholder address), so GET /api/v1/shops has one per key.
    private static string[] ConfiguredShop(int index, string shop)
    {
        var (marketplace, shopId) = (shop.Split('/')[0], shop.Split('/')[1]);
        return
        [
            $"--Marketpilot:Shops:{index}:Marketplace={marketplace}", $"--Marketpilot:Shops:{index}:ShopId={shopId}",
            $"--Marketpilot:Shops:{index}:Settings:SellerBaseUrl=http://127.0.0.1:9/", $"--Marketpilot:Shops:{index}:Credentials:ClientId=1{index}",
            $"--Marketpilot:Shops:{index}:Credentials:ApiKey=never-called-{index}",
        ];
    }

    public async Task InitializeAsync()
    {
        Host = await HostProcess.StartAsync(
            _data.Path,
            [
                .. NoSync.Args,
                $"--Marketpilot:Api:ScopedKeys:0:Key={KeyA}", $"--Marketpilot:Api:ScopedKeys:0:Shops:0={DemoShop}", $"--Marketpilot:Api:ScopedKeys:0:Shops:1={ShopA}",
                $"--Marketpilot:Api:ScopedKeys:1:Key={KeyB}", $"--Marketpilot:Api:ScopedKeys:1:Shops:0={ShopB}",
                .. ConfiguredShop(0, ShopA), .. ConfiguredShop(1, ShopB),
                $"--Marketpilot:Api:ScopedKeys:2:Key={KeyReadOnlyB}", $"--Marketpilot:Api:ScopedKeys:2:Shops:0={ShopB}", "--Marketpilot:Api:ScopedKeys:2:ReadOnly=true",
            ]);
        A = Client(KeyA);
        B = Client(KeyB);
        ReadOnlyB = Client(KeyReadOnlyB);
        await Answers.JsonAsync(await Admin.PostAsync("/api/v1/skus", Json(Some.Array(SkuIn(ShopA, SkuA), SkuIn(ShopB, SkuB)))), HttpStatusCode.Accepted);
        await Answers.JsonAsync(await Admin.PostAsync("/api/v1/campaigns", Json(Some.Array(CampaignIn(ShopA, CampaignA), CampaignIn(ShopB, CampaignB)))), HttpStatusCode.Accepted);
    }

    public async Task DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        await Host.DisposeAsync();
        _data.Dispose();
    }

    public HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        _clients.Add(client);
        return client;
    }

    /// <summary>A SKU under the 12% minimum margin, so min-margin proposes a price for it.</summary>
    public static JsonObject SkuIn(string shop, string sku)
    {
        var snapshot = Some.Sku(sku, price: 100m, cost: 95m, marketplace: shop.Split('/')[0]);
        snapshot["shopId"] = shop.Split('/')[1];
        return snapshot;
    }

    public static JsonObject CampaignIn(string shop, string campaignId)
    {
        var campaign = Some.AdCampaign(campaignId);
        campaign["marketplace"] = shop.Split('/')[0];
        campaign["shopId"] = shop.Split('/')[1];
        return campaign;
    }

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
