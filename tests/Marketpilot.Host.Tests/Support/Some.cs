using System.Text.Json;
using System.Text.Json.Nodes;

namespace Marketpilot.Host.Tests.Support;

/// <summary>Test data: SKU snapshots as the API takes them.</summary>
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

    public static string Array(params JsonNode[] items) => new JsonArray(items).ToJsonString();

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
