using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketpilot.Host.Tests.Support;
using static Marketpilot.Host.Tests.Support.ScopedKeysFixture;

namespace Marketpilot.Host.Tests.ScopedKeys;

/// <summary>
/// The scope test of every <c>/api</c> route, keyed as the OpenAPI document names it (<c>GET /api/v1/rules</c>).
/// <see cref="ScopedKeyRouteTests"/> fails when the host maps a route that has no case here.
/// </summary>
public static class ScopeCases
{
    // min-margin runs on posted data only (no sweeps), so its actions change only when these tests post.
    private const string OnlyPosted = "rule=min-margin";

    public static readonly IReadOnlyDictionary<string, ScopeCase> All = new Dictionary<string, ScopeCase>
    {
        ["POST /api/v1/skus"] = new("shop", SubmitSkusAsync),
        ["GET /api/v1/skus/{marketplace}/{shopId}/{sku}"] = new("shop", ReadSkuAsync),
        ["POST /api/v1/campaigns"] = new("shop", SubmitCampaignsAsync),
        ["GET /api/v1/campaigns/{marketplace}/{shopId}/{campaignId}"] = new("shop", ReadCampaignAsync),
        ["POST /api/v1/events"] = new("shop", SubmitEventsAsync),
        ["GET /api/v1/actions"] = new("shop", ListActionsAsync),
        ["POST /api/v1/actions/{id}/undo"] = new("shop", UndoActionAsync),
        ["GET /api/v1/shops/{marketplace}/{shopId}/guardrails"] = new("shop", ReadGuardrailsAsync),
        ["PUT /api/v1/shops/{marketplace}/{shopId}/guardrails"] = new("shop", ChangeGuardrailsAsync),
        ["GET /api/v1/automation"] = AdminOnly(HttpMethod.Get, "/api/v1/automation"),
        ["PUT /api/v1/automation"] = AdminOnly(HttpMethod.Put, "/api/v1/automation", """{"enabled": true}"""),
        ["GET /api/v1/rules"] = AdminOnly(HttpMethod.Get, "/api/v1/rules"),
        ["PUT /api/v1/rules/{id}/mode"] = AdminOnly(HttpMethod.Put, "/api/v1/rules/min-margin/mode", """{"mode": "live"}"""),
        ["GET /api/v1/rules/{id}/settings"] = AdminOnly(HttpMethod.Get, "/api/v1/rules/min-margin/settings"),
        ["PUT /api/v1/rules/{id}/settings"] = AdminOnly(HttpMethod.Put, "/api/v1/rules/min-margin/settings", """{"cooldown": null}"""),
        ["POST /api/v1/rules/{id}/rollback"] = new("admin", RollBackRuleAsync),
        ["GET /api/v1/rules/{id}/report"] = new("shop", ReportRuleAsync),
        ["GET /api/v1/plugins"] = AdminOnly(HttpMethod.Get, "/api/v1/plugins"),
        ["GET /api/v1/shops"] = new("shop", ListShopsAsync),
    };

    // A scoped key's report counts only its shops' SKUs; the admin's counts every shop's.
    private static async Task ReportRuleAsync(ScopedKeysFixture host)
    {
        async Task<List<string>> ShopsCountedAsync(HttpClient client) =>
            [.. (await Answers.JsonAsync(await client.GetAsync("/api/v1/rules/min-margin/report?from=2000-01-01&to=2100-01-01"), HttpStatusCode.OK))
                .GetProperty("shops").EnumerateArray().Select(s => s.GetString()!)];

        Assert.Equal([ShopA], await ShopsCountedAsync(host.A));
        Assert.Equal([ShopB], await ShopsCountedAsync(host.B));
        Assert.Superset(new HashSet<string> { ShopA, ShopB }, (await ShopsCountedAsync(host.Admin)).ToHashSet());
    }

    private static async Task ListShopsAsync(ScopedKeysFixture host)
    {
        var seenByA = await ShopsAsync(host.A);
        var seenByB = await ShopsAsync(host.B);
        var seenByAdmin = await ShopsAsync(host.Admin);

        Assert.Equal([ShopA], seenByA);
        Assert.Equal([ShopB], seenByB);
        Assert.Equal([ShopA, ShopB], seenByAdmin);
    }

    private static async Task<List<string>> ShopsAsync(HttpClient client) =>
        [.. (await Answers.JsonAsync(await client.GetAsync("/api/v1/shops"), HttpStatusCode.OK)).EnumerateArray()
            .Select(s => $"{s.GetProperty("marketplace").GetString()}/{s.GetProperty("shopId").GetString()}").Order(StringComparer.Ordinal)];

    private static Task SubmitSkusAsync(ScopedKeysFixture host) => ProveBatchAsync(host, host.A, "skus", ShopA, ShopB, SkuIn, Some.SkuId);

    private static async Task ReadSkuAsync(ScopedKeysFixture host)
    {
        var own = await host.B.GetAsync($"/api/v1/skus/{ShopB}/{SkuB}");
        var other = await host.A.GetAsync($"/api/v1/skus/{ShopB}/{SkuB}");
        var missing = await host.A.GetAsync($"/api/v1/skus/{ShopA}/never-recorded");

        Assert.Equal(SkuB, (await Answers.JsonAsync(own, HttpStatusCode.OK)).GetProperty("snapshot").GetProperty("sku").GetString());
        await AssertHiddenLikeMissingAsync(other, missing);
        await Answers.JsonAsync(await host.Admin.GetAsync($"/api/v1/skus/{ShopB}/{SkuB}"), HttpStatusCode.OK);
    }

    private static Task SubmitCampaignsAsync(ScopedKeysFixture host) =>
        ProveBatchAsync(host, host.B, "campaigns", ShopB, ShopA, CampaignIn, () => "ad-" + Some.SkuId());

    // A scoped key's events reach only its own shops' SKUs: a batch naming another shop is refused whole.
    private static async Task SubmitEventsAsync(ScopedKeysFixture host)
    {
        JsonObject ReturnOf(string shop, string sku, string id) => new()
        {
            ["id"] = id,
            ["kind"] = "return",
            ["occurredAt"] = "2026-11-20T10:00:00Z",
            ["sku"] = new JsonObject { ["marketplace"] = shop.Split('/')[0], ["shopId"] = shop.Split('/')[1], ["sku"] = sku },
            ["quantity"] = 1,
        };
        var (own, other) = ("return-" + Some.SkuId(), "return-" + Some.SkuId());

        var mixed = await host.A.PostAsync("/api/v1/events", Json(Some.Array(ReturnOf(ShopA, SkuA, own), ReturnOf(ShopB, SkuB, other))));
        var accepted = await host.A.PostAsync("/api/v1/events", Json(Some.Array(ReturnOf(ShopA, SkuA, own))));
        var repeated = await host.A.PostAsync("/api/v1/events", Json(Some.Array(ReturnOf(ShopA, SkuA, own))));

        var refused = await Answers.JsonAsync(mixed, HttpStatusCode.NotFound);
        Assert.Equal($"Item [1] is for shop {ShopB}, which does not exist for this API key; nothing was recorded.", refused.GetProperty("detail").GetString());
        Assert.Equal(1, (await Answers.JsonAsync(accepted, HttpStatusCode.Accepted)).GetProperty("delivered").GetInt32());
        Assert.Equal(0, (await Answers.JsonAsync(repeated, HttpStatusCode.Accepted)).GetProperty("delivered").GetInt32());
    }

    private static async Task ReadCampaignAsync(ScopedKeysFixture host)
    {
        var own = await host.A.GetAsync($"/api/v1/campaigns/{ShopA}/{CampaignA}");
        var other = await host.B.GetAsync($"/api/v1/campaigns/{ShopA}/{CampaignA}");
        var missing = await host.B.GetAsync($"/api/v1/campaigns/{ShopB}/never-recorded");

        await Answers.JsonAsync(own, HttpStatusCode.OK);
        await AssertHiddenLikeMissingAsync(other, missing);
        await Answers.JsonAsync(await host.Admin.GetAsync($"/api/v1/campaigns/{ShopA}/{CampaignA}"), HttpStatusCode.OK);
    }

    private static async Task ListActionsAsync(ScopedKeysFixture host)
    {
        var demoSku = Some.SkuId();
        await Answers.JsonAsync(await host.A.PostAsync("/api/v1/skus", Json(Some.Array(SkuIn(DemoShop, demoSku)))), HttpStatusCode.Accepted);

        var listedByA = await ActionsAsync(host.A, $"{OnlyPosted}&limit=1000");
        var listedByB = await ActionsAsync(host.B, $"{OnlyPosted}&limit=1000");
        var everything = await ActionsAsync(host.Admin, $"{OnlyPosted}&limit=1000");
        var bySkuOfB = await ActionsAsync(host.A, $"sku={SkuB}");

        Assert.Equal([ShopA, DemoShop], ShopsOf(listedByA).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal([ShopB], ShopsOf(listedByB).Distinct());
        Assert.Equal(everything.GetProperty("total").GetInt64(), listedByA.GetProperty("total").GetInt64() + listedByB.GetProperty("total").GetInt64());
        Assert.Equal(listedByA.GetProperty("items").GetArrayLength(), listedByA.GetProperty("total").GetInt64());
        Assert.Equal(0, bySkuOfB.GetProperty("total").GetInt64());
        var idsOfA = IdsOf(listedByA);
        Assert.Equal(IdsOf(everything).Where(idsOfA.Contains), idsOfA);
        Assert.Equal(idsOfA, await PagedIdsAsync(host.A, pageSize: 1));
    }

    private static async Task UndoActionAsync(ScopedKeysFixture host)
    {
        var applied = await AppliedSimulatorActionAsync(host);
        var ofB = IdsOf(await ActionsAsync(host.B, $"sku={SkuB}")).First();

        var byOtherShop = await host.B.PostAsync($"/api/v1/actions/{applied}/undo", null);
        var unknown = await host.B.PostAsync("/api/v1/actions/no-such-action/undo", null);
        var ownNotApplied = await host.B.PostAsync($"/api/v1/actions/{ofB}/undo", null);
        var byOwnShop = await host.A.PostAsync($"/api/v1/actions/{applied}/undo", null);

        var hidden = await Answers.JsonAsync(byOtherShop, HttpStatusCode.NotFound);
        var missing = await Answers.JsonAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal(missing.GetProperty("title").GetString(), hidden.GetProperty("title").GetString());
        Assert.Equal($"no action has id '{applied}'", hidden.GetProperty("detail").GetString());
        await Answers.JsonAsync(ownNotApplied, HttpStatusCode.Conflict);
        await Answers.JsonAsync(byOwnShop, HttpStatusCode.Accepted);
    }

    private static async Task ReadGuardrailsAsync(ScopedKeysFixture host)
    {
        var own = await host.A.GetAsync($"/api/v1/shops/{ShopA}/guardrails");
        var other = await host.A.GetAsync($"/api/v1/shops/{ShopB}/guardrails");
        var unknownMarketplace = await host.A.GetAsync("/api/v1/shops/nowhere/shop-b/guardrails");

        await Answers.JsonAsync(own, HttpStatusCode.OK);
        Assert.Equal("Shop not found", (await Answers.JsonAsync(other, HttpStatusCode.NotFound)).GetProperty("title").GetString());
        Assert.Equal("Shop not found", (await Answers.JsonAsync(unknownMarketplace, HttpStatusCode.NotFound)).GetProperty("title").GetString());
        await Answers.JsonAsync(await host.B.GetAsync($"/api/v1/shops/{ShopB}/guardrails"), HttpStatusCode.OK);
    }

    private static async Task ChangeGuardrailsAsync(ScopedKeysFixture host)
    {
        var other = await host.A.PutAsync($"/api/v1/shops/{ShopB}/guardrails", Json("""{"minMargin": 0.3}"""));
        var own = await host.A.PutAsync($"/api/v1/shops/{ShopA}/guardrails", Json("""{"minMargin": 0.3}"""));

        await Answers.JsonAsync(other, HttpStatusCode.NotFound);
        Assert.False((await Answers.JsonAsync(await host.Admin.GetAsync($"/api/v1/shops/{ShopB}/guardrails"), HttpStatusCode.OK)).GetProperty("custom").GetBoolean());
        var changed = await Answers.JsonAsync(own, HttpStatusCode.OK);
        Assert.Equal(0.3m, changed.GetProperty("guardrails").GetProperty("minMargin").GetDecimal());
    }

    private static async Task RollBackRuleAsync(ScopedKeysFixture host)
    {
        var body = $$"""{"since": "{{DateTimeOffset.UtcNow.AddDays(1):O}}"}""";

        var byA = await host.A.PostAsync("/api/v1/rules/weak-card/rollback", Json(body));
        var byB = await host.B.PostAsync("/api/v1/rules/weak-card/rollback", Json(body));
        var modes = (await Answers.JsonAsync(await host.Admin.GetAsync("/api/v1/automation"), HttpStatusCode.OK)).GetProperty("ruleModes");
        var byAdmin = await host.Admin.PostAsync("/api/v1/rules/weak-card/rollback", Json(body));

        await Answers.JsonAsync(byA, HttpStatusCode.Forbidden);
        await Answers.JsonAsync(byB, HttpStatusCode.Forbidden);
        Assert.False(modes.TryGetProperty("weak-card", out _));
        await Answers.JsonAsync(byAdmin, HttpStatusCode.Accepted);
    }

    private static ScopeCase AdminOnly(HttpMethod method, string path, string? body = null) => new("admin", async host =>
    {
        foreach (var scoped in new[] { host.A, host.B })
        {
            var refused = await Answers.JsonAsync(await SendAsync(scoped, method, path, body), HttpStatusCode.Forbidden);
            Assert.Equal("This route needs an admin API key", refused.GetProperty("title").GetString());
        }

        var admitted = await SendAsync(host.Admin, method, path, body);
        Assert.True(admitted.IsSuccessStatusCode, $"{method} {path} with the admin key answered {(int)admitted.StatusCode}");
    });

    /// <summary>A batch with an item of another shop is refused whole; one of its own shop is recorded.</summary>
    private static async Task ProveBatchAsync(
        ScopedKeysFixture host, HttpClient scoped, string resource, string ownShop, string otherShop, Func<string, string, JsonObject> itemIn, Func<string> newId)
    {
        var (own, other) = (newId(), newId());

        var mixed = await scoped.PostAsync($"/api/v1/{resource}", Json(Some.Array(itemIn(ownShop, own), itemIn(otherShop, other))));
        var accepted = await scoped.PostAsync($"/api/v1/{resource}", Json(Some.Array(itemIn(ownShop, own))));

        var refused = await Answers.JsonAsync(mixed, HttpStatusCode.NotFound);
        Assert.Equal($"Item [1] is for shop {otherShop}, which does not exist for this API key; nothing was recorded.", refused.GetProperty("detail").GetString());
        await Answers.JsonAsync(accepted, HttpStatusCode.Accepted);
        await Answers.JsonAsync(await scoped.GetAsync($"/api/v1/{resource}/{ownShop}/{own}"), HttpStatusCode.OK);
        await Answers.JsonAsync(await host.Admin.GetAsync($"/api/v1/{resource}/{otherShop}/{other}"), HttpStatusCode.NotFound);
    }

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? body) =>
        client.SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : Json(body) });

    private static async Task AssertHiddenLikeMissingAsync(HttpResponseMessage hidden, HttpResponseMessage missing)
    {
        var hiddenProblem = await Answers.JsonAsync(hidden, HttpStatusCode.NotFound);
        var missingProblem = await Answers.JsonAsync(missing, HttpStatusCode.NotFound);
        Assert.Equal(missingProblem.GetProperty("title").GetString(), hiddenProblem.GetProperty("title").GetString());
        Assert.StartsWith("Nothing was ever recorded for", hiddenProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ActionsAsync(HttpClient client, string query) =>
        await Answers.JsonAsync(await client.GetAsync($"/api/v1/actions?{query}"), HttpStatusCode.OK);

    private static IEnumerable<string> ShopsOf(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(a => $"{a.GetProperty("sku").GetProperty("marketplace").GetString()}/{a.GetProperty("sku").GetProperty("shopId").GetString()}");

    private static List<string> IdsOf(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("actionId").GetString()!)];

    private static async Task<List<string>> PagedIdsAsync(HttpClient client, int pageSize)
    {
        var ids = new List<string>();
        while (true)
        {
            var page = IdsOf(await ActionsAsync(client, $"{OnlyPosted}&offset={ids.Count}&limit={pageSize}"));
            if (page.Count == 0)
            {
                return ids;
            }

            ids.AddRange(page);
        }
    }

    private static async Task<string> AppliedSimulatorActionAsync(ScopedKeysFixture host)
    {
        // The price is above every simulated SKU's own minimum, so the simulator applies the raise instead of refusing it.
        var sku = "SIM-00001";
        var snapshot = SkuIn(DemoShop, sku);
        snapshot["price"] = 20_000m;
        snapshot["cost"] = 19_000m;
        await Answers.JsonAsync(await host.A.PostAsync("/api/v1/skus", Json(Some.Array(snapshot))), HttpStatusCode.Accepted);
        var action = await host.Host.EventuallyAsync(
            async () => IdsOf(await ActionsAsync(host.A, $"sku={sku}&rule=min-margin&status=applied")) is [var id, ..] ? JsonSerializer.SerializeToElement(id) : null,
            TimeSpan.FromSeconds(90),
            $"an applied min-margin action for {sku}");
        return action.GetString()!;
    }
}
