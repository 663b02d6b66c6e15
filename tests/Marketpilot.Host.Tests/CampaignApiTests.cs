using System.Net;
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
}
