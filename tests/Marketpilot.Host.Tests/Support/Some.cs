using System.Text.Json;
using System.Text.Json.Nodes;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Serialization;

namespace Marketpilot.Host.Tests.Support;

/// <summary>Test data: SKU snapshots as the API takes them, and consistent snapshots for the validator.</summary>
public static class Some
{
    public static string SkuId() => "T-" + Guid.NewGuid().ToString("N")[..10];

    public static JsonObject Sku(string sku, decimal price = 200m, decimal cost = 100m, string marketplace = "ozon", string date = "2026-11-20") => new()
    {
        ["marketplace"] = marketplace,
        ["shopId"] = "shop-1",
        ["sku"] = sku,
        ["title"] = "Test item " + sku,
        ["category"] = "test",
        ["price"] = price,
        ["cost"] = cost,
        ["stock"] = 50,
        ["avgDailyDemand"] = 1.5,
        ["impressions"] = 1000,
        ["clicks"] = 40,
        ["addToCart"] = 6,
        ["orders"] = 2,
        ["returns"] = 0,
        ["date"] = date,
    };

    public static JsonObject AdCampaign(string campaignId) =>
        JsonSerializer.SerializeToNode(CampaignSnapshot() with { CampaignId = campaignId }, MarketpilotJson.Options)!.AsObject();

    public static SkuSnapshot SkuSnapshot() => new()
    {
        Marketplace = "ozon",
        ShopId = "shop-1",
        Sku = SkuId(),
        Price = 200m,
        Cost = 100m,
        MinPrice = 150m,
        Stock = 50,
        AvgDailyDemand = 1.5,
        Impressions = 1000,
        Clicks = 40,
        AddToCart = 6,
        Orders = 2,
        Returns = 1,
        Date = new DateOnly(2026, 11, 20),
    };

    public static CampaignSnapshot CampaignSnapshot() => new()
    {
        Marketplace = "ozon",
        ShopId = "shop-1",
        CampaignId = "ad-1",
        Kind = CampaignKind.Ad,
        Status = CampaignStatus.Active,
        Budget = 1000m,
        Bid = 12.5m,
        Spend = 500m,
        Revenue = 1800m,
        Impressions = 4000,
        Clicks = 40,
        Orders = 4,
        Skus = ["A-1"],
        Date = new DateOnly(2026, 11, 20),
    };

    public static string Array(params JsonNode[] items) => new JsonArray(items).ToJsonString();

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
