using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Marketpilot.Host.Tests.Support;
using Marketpilot.Host.Tests.WebConsole;

namespace Marketpilot.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class SkuApiTests(HostFixture fixture)
{
    private HostProcess Host => fixture.Host;

    [Fact]
    public async Task ASkuWithoutItsIdIsRejectedAndTheValidItemBesideItIsNotRecorded()
    {
        var good = Some.SkuId();
        var bad = Some.Sku(Some.SkuId());
        bad.Remove("sku");

        var errors = await PostExpectingErrorsAsync(Some.Sku(good), bad);

        Assert.Contains("[1].sku", errors.Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Client.GetAsync($"/api/v1/skus/ozon/shop-1/{good}")).StatusCode);
    }

    [Fact]
    public async Task TheConsolesNextPageKeepsASearchForAnIdWithAPlusOrAnAmpersand()
    {
        var prefix = "P+Q&" + Guid.NewGuid().ToString("N")[..8];
        var skus = new JsonArray([.. Enumerable.Range(0, 51).Select(i => (JsonNode)Some.Sku($"{prefix}-{i:00}"))]);
        await Answers.JsonAsync(await Host.PostJsonAsync("/api/v1/skus", skus.ToJsonString()), HttpStatusCode.Accepted);
        using var console = new ConsoleClient(Host.BaseAddress);
        await console.SignInAsync(Host.ApiKey);

        var first = await console.PageAsync($"/console/skus?q={Uri.EscapeDataString(prefix)}");
        var next = new Uri(new Uri(Host.BaseAddress, "/console/skus"), WebUtility.HtmlDecode(Regex.Match(first, "<a href=\"([^\"]+)\">→</a>").Groups[1].Value));
        var second = await console.PageAsync(next.PathAndQuery);

        Assert.Equal(50, Regex.Count(first, "<td><a href=\"/console/skus/"));
        Assert.Contains($"<td><a href=\"/console/skus/ozon/shop-1/{Uri.EscapeDataString(prefix)}-50\">", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyOverTheSizeLimitIsRefusedWith413NamingTheLimitAndLoggedAsTheClientsDoing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/skus") { Content = new ByteArrayContent(new byte[30_000_001]) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.ExpectContinue = true;

        var response = await Host.Client.SendAsync(request);

        var problem = await Answers.JsonAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("larger than 30000000 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("WRN] Refused POST /api/v1/skus with 413", Host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("BadHttpRequestException", Host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANegativePriceIsRejectedNamingTheItemAndField()
    {
        var errors = await PostExpectingErrorsAsync(Some.Sku(Some.SkuId()), Some.Sku(Some.SkuId(), price: -1m));

        Assert.Equal(new[] { "[1].price" }, errors.Keys);
    }

    [Fact]
    public async Task AZeroPriceInTheSecondItemIsRejectedAndTheFirstItemIsNotRecorded()
    {
        var good = Some.SkuId();

        var errors = await PostExpectingErrorsAsync(Some.Sku(good), Some.Sku(Some.SkuId(), price: 0m));

        Assert.Equal(new[] { "[1].price" }, errors.Keys);
        Assert.Equal("must be greater than 0", errors["[1].price"][0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Client.GetAsync($"/api/v1/skus/ozon/shop-1/{good}")).StatusCode);
    }

    [Fact]
    public async Task OrdersAboveClicksAreRejectedWithBothCountsAndNothingIsRecorded()
    {
        var good = Some.SkuId();
        var contradicting = Some.Sku(Some.SkuId());
        contradicting["clicks"] = 10;
        contradicting["addToCart"] = 10;
        contradicting["orders"] = 12;

        var errors = await PostExpectingErrorsAsync(Some.Sku(good), contradicting);

        Assert.Equal(new[] { "[1].orders" }, errors.Keys);
        Assert.Equal("orders (12) cannot exceed clicks (10)", errors["[1].orders"][0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Client.GetAsync($"/api/v1/skus/ozon/shop-1/{good}")).StatusCode);
    }

    [Fact]
    public async Task EveryBadItemAndFieldIsListed()
    {
        var moreClicksThanImpressions = Some.Sku(Some.SkuId());
        moreClicksThanImpressions["impressions"] = 30;
        var zeroMinPrice = Some.Sku(Some.SkuId());
        zeroMinPrice["minPrice"] = 0;

        var errors = await PostExpectingErrorsAsync(moreClicksThanImpressions, Some.Sku(Some.SkuId()), zeroMinPrice);

        Assert.Equal(new[] { "[0].clicks", "[2].minPrice" }, errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("clicks (40) cannot exceed impressions (30)", errors["[0].clicks"][0].GetString());
    }

    [Fact]
    public async Task NaNAsANumberIsRejectedNamingTheField()
    {
        var sku = Some.Sku(Some.SkuId());
        sku["avgDailyDemand"] = "NaN";

        var errors = await PostExpectingErrorsAsync(sku);

        Assert.Equal(new[] { "[0].avgDailyDemand" }, errors.Keys);
    }

    [Fact]
    public async Task ABareNaNLiteralIsRejectedAsInvalidJson()
    {
        var body = Some.Array(Some.Sku(Some.SkuId())).Replace("\"avgDailyDemand\":1.5", "\"avgDailyDemand\":NaN", StringComparison.Ordinal);

        var response = await Host.PostJsonAsync("/api/v1/skus", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("body", (await ErrorsAsync(response)).Keys);
    }

    [Fact]
    public async Task AnUnknownMarketplaceIsRejectedNamingTheField()
    {
        var errors = await PostExpectingErrorsAsync(Some.Sku(Some.SkuId(), marketplace: "amazon"));

        Assert.Equal(new[] { "[0].marketplace" }, errors.Keys);
    }

    [Fact]
    public async Task ABodyThatIsNotAnArrayIsRejected()
    {
        var response = await Host.PostJsonAsync("/api/v1/skus", Some.Sku(Some.SkuId()).ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("body", (await ErrorsAsync(response)).Keys);
    }

    [Fact]
    public async Task ResendingTheSameDayReplacesItsCountsInsteadOfAddingThem()
    {
        var sku = Some.SkuId();
        var first = Some.Sku(sku);
        var second = Some.Sku(sku);
        second["clicks"] = 75;

        await Host.PostJsonAsync("/api/v1/skus", Some.Array(first));
        await Host.PostJsonAsync("/api/v1/skus", Some.Array(second));
        var state = await Host.GetJsonAsync<JsonElement>($"/api/v1/skus/ozon/shop-1/{sku}");

        var history = state.GetProperty("history").EnumerateArray().ToList();
        Assert.Single(history);
        Assert.Equal(75, history[0].GetProperty("clicks").GetInt64());
    }

    [Fact]
    public async Task AnUnknownSkuIsNotFound()
    {
        var response = await Host.Client.GetAsync($"/api/v1/skus/ozon/shop-1/{Some.SkuId()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ADayAtTheCalendarsEndOrMoneyPastItsBoundIsRefusedAndTheSkuStaysAsItWas()
    {
        var sku = Some.SkuId();
        await Answers.JsonAsync(await Host.PostJsonAsync("/api/v1/skus", Some.Array(Some.Sku(sku))), HttpStatusCode.Accepted);
        var overflowing = Some.Sku(sku, date: "2026-11-21");
        overflowing["revenue"] = decimal.MaxValue;

        var errors = await PostExpectingErrorsAsync(Some.Sku(sku, date: "0001-01-01"), Some.Sku(sku, date: "9999-12-31"), overflowing);

        Assert.Equal(["[0].date", "[1].date", "[2].revenue"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("must be between 1970-01-01 and 9000-12-31", errors["[0].date"][0].GetString());
        var stored = await Answers.JsonAsync(await Host.Client.GetAsync($"/api/v1/skus/ozon/shop-1/{sku}"), HttpStatusCode.OK);
        Assert.Equal(["2026-11-20"], stored.GetProperty("history").EnumerateArray().Select(d => d.GetProperty("date").GetString()));
    }

    [Fact]
    public async Task AMisspeltOrRepeatedFieldIsRefusedNamingItAndTheSkuStaysAsItWas()
    {
        var sku = Some.SkuId();
        await Answers.JsonAsync(await Host.PostJsonAsync("/api/v1/skus", Some.Array(Some.Sku(sku))), HttpStatusCode.Accepted);
        var misspelt = Some.Sku(sku, date: "2026-11-21");
        misspelt["minPrise"] = 900m;
        misspelt["price"] = -1m;
        var repeated = Some.Array(Some.Sku(Some.SkuId())).Replace("\"price\":", "\"cost\":100,\"Cost\":0,\"price\":", StringComparison.Ordinal);

        var errors = await PostExpectingErrorsAsync(misspelt);
        var repeatedErrors = await ErrorsAsync(await Host.PostJsonAsync("/api/v1/skus", repeated));

        Assert.Equal(["[0].minPrise", "[0].price"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("is not a field of this item (check its spelling); the fields are marketplace, shopId, sku, ", errors["[0].minPrise"][0].GetString(), StringComparison.Ordinal);
        Assert.Contains("minPrice", errors["[0].minPrise"][0].GetString(), StringComparison.Ordinal);
        Assert.Equal("appears more than once", Assert.Single(repeatedErrors, e => e.Key == "[0].Cost").Value[0].GetString());
        var stored = await Answers.JsonAsync(await Host.Client.GetAsync($"/api/v1/skus/ozon/shop-1/{sku}"), HttpStatusCode.OK);
        Assert.Equal(["2026-11-20"], stored.GetProperty("history").EnumerateArray().Select(d => d.GetProperty("date").GetString()));
    }

    private async Task<IReadOnlyDictionary<string, JsonElement>> PostExpectingErrorsAsync(params JsonNode[] items)
    {
        var response = await Host.PostJsonAsync("/api/v1/skus", Some.Array(items));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return await ErrorsAsync(response);
    }

    private static async Task<IReadOnlyDictionary<string, JsonElement>> ErrorsAsync(HttpResponseMessage response)
    {
        var problem = Some.Json(await response.Content.ReadAsStringAsync());
        return problem.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
    }
}
