using System.Net;
using System.Text.Json.Nodes;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class CampaignApiTests(HostFixture fixture)
{
    private HostProcess Host => fixture.Host;

    [Fact]
    public async Task AnAdWithMoreClicksThanImpressionsIsRejectedAndTheValidCampaignBesideItIsNotRecorded()
    {
        var good = "ad-" + Some.SkuId();
        var contradicting = Some.AdCampaign("ad-" + Some.SkuId());
        contradicting["impressions"] = 30;

        var response = await Host.PostJsonAsync("/api/v1/campaigns", Some.Array(Some.AdCampaign(good), contradicting));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = Some.Json(await response.Content.ReadAsStringAsync()).GetProperty("errors");
        Assert.Equal(new[] { "[1].clicks" }, errors.EnumerateObject().Select(p => p.Name));
        Assert.Equal("clicks (40) cannot exceed impressions (30)", errors.GetProperty("[1].clicks")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Client.GetAsync($"/api/v1/campaigns/ozon/shop-1/{good}")).StatusCode);
    }

    [Fact]
    public async Task AConsistentAdIsAccepted()
    {
        var response = await Host.PostJsonAsync("/api/v1/campaigns", Some.Array(Some.AdCampaign("ad-" + Some.SkuId())));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task EachCoveredSkuKeepsTheCampaignWithItsSkuListCutToItself()
    {
        var (a, b) = (Some.SkuId(), Some.SkuId());
        await Answers.JsonAsync(await Host.PostJsonAsync("/api/v1/skus", Some.Array(Some.Sku(a), Some.Sku(b))), HttpStatusCode.Accepted);
        var campaign = Some.AdCampaign("ad-" + Some.SkuId());
        campaign["skus"] = new JsonArray(a, b, "never-recorded");

        await Answers.JsonAsync(await Host.PostJsonAsync("/api/v1/campaigns", Some.Array(campaign)), HttpStatusCode.Accepted);

        var stored = await Answers.JsonAsync(await Host.Client.GetAsync($"/api/v1/campaigns/ozon/shop-1/{campaign["campaignId"]}"), HttpStatusCode.OK);
        Assert.Equal([a, b, "never-recorded"], stored.GetProperty("snapshot").GetProperty("skus").EnumerateArray().Select(s => s.GetString()));
        foreach (var sku in new[] { a, b })
        {
            var view = await Answers.JsonAsync(await Host.Client.GetAsync($"/api/v1/skus/ozon/shop-1/{sku}"), HttpStatusCode.OK);
            Assert.Equal([sku], view.GetProperty("campaigns").EnumerateArray().Single().GetProperty("skus").EnumerateArray().Select(s => s.GetString()));
        }
    }
}
