using System.Net;
using System.Text.Json;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class GuardrailApiTests(HostFixture fixture)
{
    private HostProcess Host => fixture.Host;

    [Fact]
    public async Task AShopWithoutItsOwnGuardrailsShowsTheConfiguredDefaults()
    {
        var shop = await Host.GetJsonAsync<JsonElement>($"/api/v1/shops/ozon/{Some.SkuId()}/guardrails");

        Assert.False(shop.GetProperty("custom").GetBoolean());
        Assert.Equal(0.25m, shop.GetProperty("guardrails").GetProperty("maxPriceChangePerAction").GetDecimal());
        Assert.Equal(3, shop.GetProperty("guardrails").GetProperty("maxCouponsPerSkuPerDay").GetInt32());
    }

    [Fact]
    public async Task AFieldLeftOutKeepsItsValue()
    {
        var path = $"/api/v1/shops/ozon/{Some.SkuId()}/guardrails";
        await Host.PutJsonAsync(path, """{"maxCouponDiscount": 0.2}""");

        var response = await Host.PutJsonAsync(path, """{"minMargin": 0.1}""");

        var guardrails = (await Answers.JsonAsync(response, HttpStatusCode.OK)).GetProperty("guardrails");
        Assert.Equal(0.1m, guardrails.GetProperty("minMargin").GetDecimal());
        Assert.Equal(0.2m, guardrails.GetProperty("maxCouponDiscount").GetDecimal());
    }

    [Theory]
    [InlineData("""{"minMargin": 1.5}""", "minMargin")]
    [InlineData("""{"maxPriceChangePerAction": 0}""", "maxPriceChangePerAction")]
    [InlineData("""{"maxCouponsPerSkuPerDay": -1}""", "maxCouponsPerSkuPerDay")]
    [InlineData("""{"maxActionsPerRulePerDay": 2.5}""", "maxActionsPerRulePerDay")]
    [InlineData("""{"maxCouponDiscount": "0.1"}""", "maxCouponDiscount")]
    [InlineData("""{"maxPriceChangePerDay": null}""", "maxPriceChangePerDay")]
    [InlineData("""{"maxCoupons": 2}""", "maxCoupons")]
    [InlineData("""{"minMargin": 0.1, "minMargin": 0.2}""", "minMargin")]
    [InlineData("""{"minMargin": """, "body")]
    [InlineData("""[{"minMargin": 0.1}]""", "body")]
    public async Task ABadFieldIsRejectedByNameAndNothingChanges(string body, string field)
    {
        var path = $"/api/v1/shops/ozon/{Some.SkuId()}/guardrails";

        var fields = await Answers.ErrorFieldsAsync(await Host.PutJsonAsync(path, body));

        Assert.Equal([field], fields);
        Assert.False((await Host.GetJsonAsync<JsonElement>(path)).GetProperty("custom").GetBoolean());
    }

    [Fact]
    public async Task EveryBadFieldIsListedAndTheGoodOneIsNotApplied()
    {
        var path = $"/api/v1/shops/ozon/{Some.SkuId()}/guardrails";

        var fields = await Answers.ErrorFieldsAsync(await Host.PutJsonAsync(path, """{"minMargin": 0.2, "maxCouponDiscount": 2, "unknown": true}"""));

        Assert.Equal(["maxCouponDiscount", "unknown"], fields);
        Assert.Equal(0m, (await Host.GetJsonAsync<JsonElement>(path)).GetProperty("guardrails").GetProperty("minMargin").GetDecimal());
    }

    [Fact]
    public async Task AnUnknownMarketplaceIsNotFound()
    {
        var response = await Host.Client.GetAsync("/api/v1/shops/amazon/shop-1/guardrails");

        var problem = await Answers.JsonAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("'amazon' is not a known marketplace", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
