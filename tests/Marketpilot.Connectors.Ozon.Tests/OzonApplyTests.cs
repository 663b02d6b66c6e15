using System.Net;
using System.Text;
using Marketpilot.Connectors.Ozon.Tests.Support;
using Marketpilot.Emulators.Ozon;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Ozon.Tests;

public sealed class OzonApplyTests() : OzonShopTests(products: 1600)
{
    private static readonly string Open = OzonEmulator.OpenPromotionId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task SetPriceChangesThePriceAtOzon()
    {
        var result = await ApplyOneAsync(OzonEmulator.OfferId(3), new SetPrice(1234.5m));

        Assert.Equal(ActionResultStatus.Applied, result.Status);
        Assert.Equal(1234.5m, Shop.Emulator.Product(OzonEmulator.OfferId(3)).Price);
    }

    [Fact]
    public async Task OzonRefusesAPriceSentAsANumberSoTheConnectorSendsStrings()
    {
        using var http = new HttpClient { BaseAddress = Shop.Emulator.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/product/import/prices")
        {
            Content = new StringContent("""{"prices":[{"offer_id":"OFR-00001","price":1200}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Client-Id", OzonEmulator.ClientId);
        request.Headers.Add("Api-Key", OzonEmulator.ApiKey);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("prices[0].price: expected string", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APriceBatchIsSplitAtOzonsLimitOf1000()
    {
        // Lower prices: products 11 to 15 sit in a frozen promotion, where a raise is refused.
        var targets = Enumerable.Range(1, 1500).ToDictionary(n => n, n => Shop.Emulator.Product(OzonEmulator.OfferId(n)).Price - 1);
        var requests = targets.Select(t => OzonTestShop.Request(OzonEmulator.OfferId(t.Key), new SetPrice(t.Value))).ToList();

        var results = await Shop.Connector().ApplyAsync(requests, CancellationToken.None);

        Assert.All(results, r => Assert.Equal(ActionResultStatus.Applied, r.Status));
        Assert.Equal([1000, 500], Shop.Emulator.PriceBatchSizes.ToArray());
        Assert.Equal(targets[1500], Shop.Emulator.Product(OzonEmulator.OfferId(1500)).Price);
    }

    [Fact]
    public async Task AddToPromoPutsTheProductInThePromotionAtItsMaxActionPrice()
    {
        var result = await ApplyOneAsync(OzonEmulator.OfferId(40), new AddToPromo(Open));

        Assert.Equal(ActionResultStatus.Applied, result.Status);
        var promotion = Shop.Emulator.Promotions[OzonEmulator.OpenPromotionId];
        var product = Shop.Emulator.Product(OzonEmulator.OfferId(40));
        Assert.Equal(promotion.Candidates[product.ProductId], promotion.Participants[product.ProductId]);
    }

    [Fact]
    public async Task AddToAnUnknownPromotionIsRejected()
    {
        var result = await ApplyOneAsync(OzonEmulator.OfferId(40), new AddToPromo("999"));

        Assert.Equal(ActionResultStatus.Rejected, result.Status);
        Assert.Contains("no promotion '999'", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveFromPromoTakesTheProductOut()
    {
        var result = await ApplyOneAsync(OzonEmulator.OfferId(2), new RemoveFromPromo(Open));

        Assert.Equal(ActionResultStatus.Applied, result.Status);
        Assert.DoesNotContain(Shop.Emulator.Product(OzonEmulator.OfferId(2)).ProductId, Shop.Emulator.Promotions[OzonEmulator.OpenPromotionId].Participants.Keys);
    }

    [Fact]
    public async Task PauseAndResumeAdsChangeTheCampaignState()
    {
        var paused = await ApplyOneAsync(OzonEmulator.OfferId(1), new PauseAds());
        var stateAfterPause = Shop.Emulator.Campaigns[OzonEmulator.RunningCampaignId].State;
        var resumed = await ApplyOneAsync(OzonEmulator.OfferId(22), new ResumeAds(OzonEmulator.InactiveCampaignId));

        Assert.Equal((ActionResultStatus.Applied, ActionResultStatus.Applied), (paused.Status, resumed.Status));
        Assert.Equal("CAMPAIGN_STATE_INACTIVE", stateAfterPause);
        Assert.Equal("CAMPAIGN_STATE_RUNNING", Shop.Emulator.Campaigns[OzonEmulator.InactiveCampaignId].State);
    }

    [Fact]
    public async Task PauseAdsForASkuNoCampaignAdvertisesIsRejected()
    {
        var result = await ApplyOneAsync(OzonEmulator.OfferId(900), new PauseAds());

        Assert.Equal(ActionResultStatus.Rejected, result.Status);
        Assert.Contains("no Ozon ad campaign advertises", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetBidWritesTheBidInMillionthsOfARouble()
    {
        var result = await ApplyOneAsync(OzonEmulator.OfferId(5), new SetBid(OzonEmulator.RunningCampaignId, 31.5m));

        Assert.Equal(ActionResultStatus.Applied, result.Status);
        Assert.Equal("31500000", Shop.Emulator.Campaigns[OzonEmulator.RunningCampaignId].Bids[OzonEmulator.StorefrontSku(5).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
    }

    [Fact]
    public async Task SetBudgetWritesAWeeklyBudgetOrTheDailyOneTheCampaignHas()
    {
        var weekly = await ApplyOneAsync(OzonEmulator.OfferId(5), new SetBudget(OzonEmulator.RunningCampaignId, 1000m));
        var daily = await ApplyOneAsync(OzonEmulator.OfferId(22), new SetBudget(OzonEmulator.InactiveCampaignId, 750m));

        Assert.Equal((ActionResultStatus.Applied, ActionResultStatus.Applied), (weekly.Status, daily.Status));
        Assert.Equal("7000000000", Shop.Emulator.Campaigns[OzonEmulator.RunningCampaignId].WeeklyBudget);
        Assert.Equal("750000000", Shop.Emulator.Campaigns[OzonEmulator.InactiveCampaignId].DailyBudget);
    }

    [Fact]
    public async Task AnAppliedKeyIsAnsweredFromTheLedgerAfterARestartWithoutCallingOzon()
    {
        var request = OzonTestShop.Request(OzonEmulator.OfferId(7), new SetPrice(1500m), key: "key-7");
        await Shop.Connector().ApplyAsync([request], CancellationToken.None);

        var again = await Shop.Connector().ApplyAsync([request with { Action = new SetPrice(1600m) }], CancellationToken.None);

        Assert.Equal(ActionResultStatus.Applied, again.Single().Status);
        Assert.Equal(1500m, Shop.Emulator.Product(OzonEmulator.OfferId(7)).Price);
        Assert.Equal(1, Shop.Emulator.PriceUpdates[OzonEmulator.OfferId(7)]);
    }

    [Fact]
    public async Task ItemsOzonDidNotUpdateForNowAreRetryableAndItemsItRefusedAreRejected()
    {
        Shop.Emulator.PriceItemFaultRate = 1;
        var transient = await ApplyOneAsync(OzonEmulator.OfferId(30), new SetPrice(1000m));
        Shop.Emulator.PriceItemFaultRate = 0;
        Shop.Emulator.Currency = "KZT";
        var permanent = await ApplyOneAsync(OzonEmulator.OfferId(31), new SetPrice(1000m));

        Assert.Equal(ActionResultStatus.RetryableFailure, transient.Status);
        Assert.Contains("TOO_MANY_REQUESTS", transient.Reason, StringComparison.Ordinal);
        Assert.Equal(ActionResultStatus.Rejected, permanent.Status);
        Assert.Contains("CURRENCY_IS_NOT_EQUAL_CABINET_CURRENCY", permanent.Reason, StringComparison.Ordinal);
        Assert.False(Shop.Emulator.PriceUpdates.ContainsKey(OzonEmulator.OfferId(30)));
    }

    private async Task<ActionResult> ApplyOneAsync(string offerId, RuleAction action) =>
        (await Shop.Connector().ApplyAsync([OzonTestShop.Request(offerId, action)], CancellationToken.None)).Single();
}
