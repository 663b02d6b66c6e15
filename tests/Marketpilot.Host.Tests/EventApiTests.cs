using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

/// <summary><c>POST /api/v1/events</c> on the real host, with the sample rules of scripts/ (retargeting.csx among them).</summary>
[Collection(HostCollection.Name)]
public sealed class EventApiTests(HostFixture fixture)
{
    private HostProcess Host => fixture.Host;

    [Fact]
    public async Task InvalidEventsAreRefusedByFieldAndTheValidOneBesideThemIsNotDelivered()
    {
        var sku = await RecordSkuAsync();
        var valid = Event("return-" + Some.SkuId(), "return", "2026-11-20T12:00:00Z", sku, quantity: 1);
        var viewWithoutShopper = Event("view-" + Some.SkuId(), "view", "2026-11-20T12:00:00Z", sku);
        var orderWithoutSku = Event("order-" + Some.SkuId(), "order-placed", "2026-11-20T12:00:00Z", sku: null, quantity: 1);
        var unknownKind = Event("x-" + Some.SkuId(), "teleported", "2026-11-20T12:00:00Z", sku);

        var refused = await Host.PostJsonAsync("/api/v1/events", Some.Array(valid, viewWithoutShopper, orderWithoutSku));
        var badKind = await Host.PostJsonAsync("/api/v1/events", Some.Array(unknownKind));
        var accepted = await Host.PostJsonAsync("/api/v1/events", Some.Array(valid.DeepClone()));

        var errors = (await Answers.JsonAsync(refused, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["[1].shopperId", "[2].sku"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("is required for a view", errors.GetProperty("[1].shopperId")[0].GetString());
        await Answers.JsonAsync(badKind, HttpStatusCode.BadRequest);
        Assert.Equal(1, (await Answers.JsonAsync(accepted, HttpStatusCode.Accepted)).GetProperty("delivered").GetInt32());
    }

    [Fact]
    public async Task AMisspeltFieldOfAnEventOrOfItsSkuIsRefusedNamingIt()
    {
        var sku = await RecordSkuAsync();
        var misspelt = Event("return-" + Some.SkuId(), "return", "2026-11-20T12:00:00Z", sku, quantity: 1);
        misspelt["quantitiy"] = 2;
        var nested = Event("return-" + Some.SkuId(), "return", "2026-11-20T12:00:00Z", sku, quantity: 1);
        nested["sku"]!["shop"] = "shop-2";

        var refused = await Host.PostJsonAsync("/api/v1/events", Some.Array(misspelt, nested));

        var errors = (await Answers.JsonAsync(refused, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["[0].quantitiy", "[1].sku.shop"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("the fields are id, kind, occurredAt, sku, campaign, shopperId, quantity", errors.GetProperty("[0].quantitiy")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("is not a field of this object", errors.GetProperty("[1].sku.shop")[0].GetString());
    }

    [Fact]
    public async Task AViewNobodyOrderedAfterIsRetargetedOnceTheDataClockIsADayLater()
    {
        var sku = await RecordSkuAsync();
        var view = Event("view-" + Some.SkuId(), "view", "2026-11-20T23:00:00Z", sku, shopper: "shopper-77");

        await Answers.JsonAsync(await Host.PostJsonAsync("/api/v1/events", Some.Array(view)), HttpStatusCode.Accepted);
        var beforeADay = await RetargetingActionsAsync(sku);
        var later = Event("return-" + Some.SkuId(), "return", "2026-11-22T00:00:00Z", sku, quantity: 1);
        await Answers.JsonAsync(await Host.PostJsonAsync("/api/v1/events", Some.Array(later)), HttpStatusCode.Accepted);
        await Answers.JsonAsync(await Host.PostJsonAsync("/api/v1/events", Some.Array(later.DeepClone(), view.DeepClone())), HttpStatusCode.Accepted);

        Assert.Empty(beforeADay);
        var actions = await RetargetingActionsAsync(sku);
        Assert.Equal(["createCoupon", "notify"], actions.Select(a => a.GetProperty("action").GetProperty("kind").GetString()).Order(StringComparer.Ordinal));
        Assert.Contains("shopper shopper-77 viewed", actions.Single(a => a.GetProperty("action").GetProperty("kind").GetString() == "createCoupon").GetProperty("action").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AViewAtTheCalendarsEndIsRefusedAndTheSkuKeepsTakingData()
    {
        var sku = await RecordSkuAsync();
        var view = Event("view-" + Some.SkuId(), "view", "9999-12-31T23:59:59Z", sku, shopper: "shopper-1");

        var refused = await Host.PostJsonAsync("/api/v1/events", Some.Array(view));

        var errors = (await Answers.JsonAsync(refused, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal("must be between 1970-01-01 and 9000-12-31", errors.GetProperty("[0].occurredAt")[0].GetString());
        await Answers.JsonAsync(await Host.PostJsonAsync("/api/v1/skus", Some.Array(Some.Sku(sku, date: "2026-11-21"))), HttpStatusCode.Accepted);
    }

    private async Task<string> RecordSkuAsync()
    {
        var sku = Some.SkuId();
        var snapshot = Some.Sku(sku, price: 2000m, cost: 1100m);
        await Answers.JsonAsync(await Host.PostJsonAsync("/api/v1/skus", Some.Array(snapshot)), HttpStatusCode.Accepted);
        return sku;
    }

    private async Task<List<JsonElement>> RetargetingActionsAsync(string sku) =>
        [.. (await Host.GetJsonAsync<JsonElement>($"/api/v1/actions?sku={sku}&rule=retargeting")).GetProperty("items").EnumerateArray()];

    private static JsonObject Event(string id, string kind, string at, string? sku, string? shopper = null, int quantity = 0)
    {
        var item = new JsonObject { ["id"] = id, ["kind"] = kind, ["occurredAt"] = at, ["quantity"] = quantity };
        if (sku is not null)
        {
            item["sku"] = new JsonObject { ["marketplace"] = "ozon", ["shopId"] = "shop-1", ["sku"] = sku };
        }

        if (shopper is not null)
        {
            item["shopperId"] = shopper;
        }

        return item;
    }
}
