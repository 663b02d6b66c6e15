using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

/// <summary>
/// A rule's settings set through the API on the real executable: SKU snapshots posted afterwards are skipped or fired on
/// as the settings say, the rules route shows them, and a bad field changes nothing.
/// </summary>
public sealed class RuleSettingsTests(RuleSettingsFixture fixture) : IClassFixture<RuleSettingsFixture>
{
    private HostProcess Host => fixture.Host;

    [Fact]
    public async Task AScopeSetThroughTheApiReplacesTheHeadersAndNullRestoresIt()
    {
        var (iron, dearIron, kettle) = (Some.SkuId(), Some.SkuId(), Some.SkuId());

        var set = await Answers.JsonAsync(await Host.PutJsonAsync("/api/v1/rules/kettles/settings", """{"scope": "category=Irons; price=..5000"}"""), HttpStatusCode.OK);
        await PostAsync(Sku(iron, category: "irons", price: 3000m), Sku(dearIron, category: "Irons", price: 6000m), Sku(kettle, category: "Kettles", price: 3000m));
        var listed = await RuleAsync("kettles");
        var restored = await Answers.JsonAsync(await Host.PutJsonAsync("/api/v1/rules/kettles/settings", """{"scope": null}"""), HttpStatusCode.OK);
        var laterKettle = Some.SkuId();
        await PostAsync(Sku(laterKettle, category: "Kettles", price: 3000m));

        Assert.Equal("category=Irons; price=..5000", set.GetProperty("settings").GetProperty("scope").GetString());
        Assert.Equal([1, 0, 0], await ActionCountsAsync("kettles", iron, dearIron, kettle));
        Assert.Equal("category=Irons; price=..5000", listed.GetProperty("settings").GetProperty("scope").GetString());
        Assert.Equal(["Irons"], Strings(listed.GetProperty("metadata").GetProperty("scope").GetProperty("categories")));
        Assert.Equal(5000m, listed.GetProperty("metadata").GetProperty("scope").GetProperty("maxPrice").GetDecimal());
        Assert.Equal(JsonValueKind.Null, restored.GetProperty("settings").GetProperty("scope").ValueKind);
        Assert.Equal(["Kettles"], Strings(restored.GetProperty("metadata").GetProperty("scope").GetProperty("categories")));
        Assert.Equal(1, await ActionsOfAsync("kettles", laterKettle));
    }

    [Fact]
    public async Task AScopeByTagAdmitsOnlySkusCarryingTheTag()
    {
        var (summer, winter) = (Some.SkuId(), Some.SkuId());

        await Answers.JsonAsync(await Host.PutJsonAsync("/api/v1/rules/kettles/settings", """{"scope": "tag=summer"}"""), HttpStatusCode.OK);
        await PostAsync(Sku(summer, tags: ["eco", "Summer"]), Sku(winter, tags: ["winter"]));
        await Answers.JsonAsync(await Host.PutJsonAsync("/api/v1/rules/kettles/settings", """{"scope": null}"""), HttpStatusCode.OK);

        Assert.Equal([1, 0], await ActionCountsAsync("kettles", summer, winter));
        Assert.Equal(["eco", "Summer"], Strings((await SkuAsync(summer)).GetProperty("snapshot").GetProperty("tags")));
    }

    [Fact]
    public async Task MinimumDataSkipsASkuUntilItsWindowHoldsEnoughClicks()
    {
        var sku = Some.SkuId();
        await Answers.JsonAsync(await Host.PutJsonAsync("/api/v1/rules/thin-data/settings", """{"minData": "clicks>=100/7d"}"""), HttpStatusCode.OK);

        await PostAsync(Sku(sku, clicks: 40, date: "2026-11-18"));
        await PostAsync(Sku(sku, clicks: 40, date: "2026-11-19"));
        var beforeEnough = await ActionsOfAsync("thin-data", sku);
        await PostAsync(Sku(sku, clicks: 40, date: "2026-11-20"));

        Assert.Equal(0, beforeEnough);
        Assert.Equal(1, await ActionsOfAsync("thin-data", sku));
    }

    [Fact]
    public async Task FiringsPastTheDailyCapProposeNothingAndTheRunIsRecordedWithoutAction()
    {
        string[] skus = [Some.SkuId(), Some.SkuId(), Some.SkuId(), Some.SkuId()];
        await Answers.JsonAsync(await Host.PutJsonAsync("/api/v1/rules/capped/settings", """{"maxFiringsPerDay": 2}"""), HttpStatusCode.OK);

        await PostAsync([.. skus.Select(s => Sku(s))]);

        var counts = await ActionCountsAsync("capped", skus);
        var outcomes = new List<string>();
        foreach (var sku in skus)
        {
            var state = (await SkuAsync(sku)).GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "capped");
            outcomes.Add(state.GetProperty("lastOutcome").GetString()!);
        }

        Assert.Equal(2, counts.Sum());
        Assert.Equal(["fired", "fired", "noAction", "noAction"], outcomes.Order(StringComparer.Ordinal));
        Assert.Contains("marketpilot_rules_firings_capped", await Host.Client.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotNewItemTakesItsDaysFromTheSettings()
    {
        var (threeWeeks, oneWeek) = (Some.SkuId(), Some.SkuId());

        await Answers.JsonAsync(await Host.PutJsonAsync("/api/v1/rules/new-items/settings", """{"guards": "not-new-item=14d"}"""), HttpStatusCode.OK);
        await PostAsync(Sku(threeWeeks, listedAt: "2026-10-30T00:00:00Z"), Sku(oneWeek, listedAt: "2026-11-13T00:00:00Z"));

        Assert.Equal([1, 0], await ActionCountsAsync("new-items", threeWeeks, oneWeek));
    }

    [Fact]
    public async Task EveryBadFieldIsNamedAndNothingIsStored()
    {
        var response = await Host.PutJsonAsync(
            "/api/v1/rules/untouched/settings",
            """{"scope": "region=eu", "guards": "in-stock", "cooldown": "soon", "minData": 5, "maxFiringsPerDay": 0, "colour": "red"}""");

        var problem = await Answers.JsonAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["colour", "cooldown", "maxFiringsPerDay", "minData", "scope"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.StartsWith("'region=eu' is not a scope part", errors.GetProperty("scope")[0].GetString(), StringComparison.Ordinal);
        Assert.StartsWith("'0' is not a number of firings", errors.GetProperty("maxFiringsPerDay")[0].GetString(), StringComparison.Ordinal);
        var stored = await Host.GetJsonAsync<JsonElement>("/api/v1/rules/untouched/settings");
        Assert.All(stored.GetProperty("settings").EnumerateObject(), field => Assert.Equal(JsonValueKind.Null, field.Value.ValueKind));
        Assert.Equal([], Strings(stored.GetProperty("metadata").GetProperty("guards")));
        Assert.Equal("2.00:00:00", stored.GetProperty("metadata").GetProperty("cooldown").GetString());
    }

    [Fact]
    public async Task TheSettingsOfAnUnknownRuleAreNotFound()
    {
        var read = await Host.Client.GetAsync("/api/v1/rules/no-such-rule/settings");
        var write = await Host.PutJsonAsync("/api/v1/rules/no-such-rule/settings", """{"cooldown": "1d"}""");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (read.StatusCode, write.StatusCode));
    }

    private static JsonObject Sku(
        string sku, string category = "test", decimal price = 200m, long clicks = 40, string date = "2026-11-20", string[]? tags = null, string? listedAt = null)
    {
        var item = Some.Sku(sku, price: price, date: date);
        item["category"] = category;
        item["clicks"] = clicks;
        item["impressions"] = 1000;
        if (tags is not null)
        {
            item["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]);
        }

        if (listedAt is not null)
        {
            item["listedAt"] = listedAt;
        }

        return item;
    }

    private async Task PostAsync(params JsonObject[] items) =>
        await Answers.JsonAsync(await Host.PostJsonAsync("/api/v1/skus", Some.Array(items)), HttpStatusCode.Accepted);

    private async Task<int> ActionsOfAsync(string rule, string sku) =>
        (await Host.GetJsonAsync<JsonElement>($"/api/v1/actions?rule={rule}&sku={sku}")).GetProperty("total").GetInt32();

    private async Task<List<int>> ActionCountsAsync(string rule, params string[] skus)
    {
        var counts = new List<int>();
        foreach (var sku in skus)
        {
            counts.Add(await ActionsOfAsync(rule, sku));
        }

        return counts;
    }

    private Task<JsonElement> SkuAsync(string sku) => Host.GetJsonAsync<JsonElement>($"/api/v1/skus/ozon/shop-1/{sku}");

    private async Task<JsonElement> RuleAsync(string id) =>
        (await Host.GetJsonAsync<JsonElement>("/api/v1/rules")).EnumerateArray().Single(r => r.GetProperty("rule").GetProperty("id").GetString() == id);

    private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
