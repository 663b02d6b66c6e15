using Marketpilot.Connectors.Simulator.Tests.Support;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Simulator.Tests;

public sealed class SimulatedShopTests
{
    [Fact]
    public void SameSeedGivesTheSameThirtyDaySeries()
    {
        var first = Some.Shop(seed: 7).Days(30);
        var second = Some.Shop(seed: 7).Days(30);

        Assert.Equal(first.SelectMany(d => d.Skus).Select(Some.Describe), second.SelectMany(d => d.Skus).Select(Some.Describe));
        Assert.Equal(first.SelectMany(d => d.Campaigns).Select(Some.Describe), second.SelectMany(d => d.Campaigns).Select(Some.Describe));
    }

    [Fact]
    public void DifferentSeedGivesADifferentSeries()
    {
        var first = Some.Shop(seed: 1).Days(5);
        var second = Some.Shop(seed: 2).Days(5);

        Assert.NotEqual(first.SelectMany(d => d.Skus).Select(Some.Describe), second.SelectMany(d => d.Skus).Select(Some.Describe));
    }

    [Fact]
    public void DaysAreDatedFromTheStartDate()
    {
        var days = Some.Shop().Days(3);

        Assert.Equal([Some.StartDate, Some.StartDate.AddDays(1), Some.StartDate.AddDays(2)], days.Select(d => d.Date));
        Assert.All(days, d => Assert.All(d.Skus, s => Assert.Equal(d.Date, s.Date)));
        Assert.All(days, d => Assert.All(d.Campaigns, c => Assert.Equal(d.Date, c.Date)));
    }

    [Fact]
    public void RaisingPricesLowersOrdersAgainstAnIdenticalShop()
    {
        var prices = Some.Shop().SimulateDay().Skus.ToDictionary(s => s.Sku, s => s.Price);
        var control = Some.Shop();
        var raised = Some.Shop();
        foreach (var (sku, price) in prices)
        {
            raised.Apply(Some.Request(sku, new SetPrice(price * 1.5m)));
        }

        var controlOrders = control.Days(14).Sum(d => d.Skus.Sum(s => s.Orders));
        var raisedOrders = raised.Days(14).Sum(d => d.Skus.Sum(s => s.Orders));

        Assert.True(raisedOrders < controlOrders * 0.8, $"{raisedOrders} orders at +50% against {controlOrders}");
    }

    [Fact]
    public void PriceChangeLeavesOtherSkusUntouched()
    {
        var control = Some.Shop();
        var changed = Some.Shop();
        var minPrice = Some.Shop().SimulateDay().Skus[0].MinPrice!.Value;
        var result = changed.Apply(Some.Request("SIM-00001", new SetPrice(minPrice)));

        var controlDays = control.Days(10);
        var changedDays = changed.Days(10);

        Assert.Equal(ActionResultStatus.Applied, result.Status);
        Assert.Equal(
            controlDays.SelectMany(d => d.Skus).Where(s => s.Sku != "SIM-00001").Select(Some.Describe),
            changedDays.SelectMany(d => d.Skus).Where(s => s.Sku != "SIM-00001").Select(Some.Describe));
    }

    [Fact]
    public void CatalogHasSkusForTheSampleRules()
    {
        var shop = Some.Shop(skuCount: 200);

        var day = shop.SimulateDay();

        Assert.InRange(day.Skus.Count(s => s.Margin < 0.12m), 15, 40);
        Assert.Contains(day.Skus, s => s.Stock <= 5 && s.AvgDailyDemand >= 2);
        Assert.Contains(day.Skus, s => s.Promotions.Count > 0);
        Assert.Contains(day.Campaigns, c => c.Kind == CampaignKind.Ad && c.Spend > 0 && c.Skus.Count > 0);
        Assert.Contains(day.Campaigns, c => c.Kind == CampaignKind.Promotion);
        Assert.Contains(day.Campaigns, c => c.Kind == CampaignKind.Coupon);
    }

    [Fact]
    public void FunnelCountsStayConsistent()
    {
        var days = Some.Shop(skuCount: 100).Days(30);

        Assert.All(days.SelectMany(d => d.Skus), s =>
        {
            Assert.InRange(s.Clicks, 0, s.Impressions);
            Assert.InRange(s.Orders, 0, s.AddToCart);
            Assert.InRange(s.AddToCart, 0, s.Clicks);
            Assert.True(s.Stock >= 0);
        });
        Assert.All(days.SelectMany(d => d.Campaigns).Where(c => c.Kind == CampaignKind.Ad), c => Assert.True(c.Spend <= c.Budget));
    }

    [Fact]
    public void PausedCampaignSpendsNothing()
    {
        var shop = Some.Shop();
        var campaign = shop.SimulateDay().Campaigns.First(c => c.Kind == CampaignKind.Ad);

        var result = shop.Apply(Some.Request(campaign.Skus[0], new PauseAds(campaign.CampaignId)));
        var next = shop.SimulateDay().Campaigns.Single(c => c.CampaignId == campaign.CampaignId);

        Assert.Equal(ActionResultStatus.Applied, result.Status);
        Assert.Equal((CampaignStatus.Paused, 0m), (next.Status, next.Spend));
    }

    [Fact]
    public void PromotionAndCampaignActionsChangeTheNextDay()
    {
        var shop = Some.Shop();
        var campaign = shop.SimulateDay().Campaigns.First(c => c.Kind == CampaignKind.Ad);
        var sku = campaign.Skus[0];

        var results = new[]
        {
            shop.Apply(Some.Request(sku, new AddToPromo("promo-flash"))),
            shop.Apply(Some.Request(sku, new SetBid(campaign.CampaignId, 3m))),
            shop.Apply(Some.Request(sku, new SetBudget(campaign.CampaignId, 1234m))),
            shop.Apply(Some.Request(sku, new CreateCoupon(0.1m, TimeSpan.FromHours(72)))),
        };
        var next = shop.SimulateDay();
        var changed = next.Campaigns.Single(c => c.CampaignId == campaign.CampaignId);

        Assert.All(results, r => Assert.Equal(ActionResultStatus.Applied, r.Status));
        Assert.Contains("promo-flash", next.Skus.Single(s => s.Sku == sku).Promotions);
        Assert.Equal((3m, 1234m), (changed.Bid, changed.Budget));
        Assert.Contains(next.Campaigns, c => c.Kind == CampaignKind.Coupon && c.Status == CampaignStatus.Active && c.Skus.Contains(sku));
    }

    [Fact]
    public void RemoveFromPromoWithoutAnIdLeavesEveryPromotion()
    {
        var shop = Some.Shop();
        var sku = shop.SimulateDay().Skus.First(s => s.Promotions.Count > 0).Sku;

        shop.Apply(Some.Request(sku, new RemoveFromPromo()));

        Assert.Empty(shop.SimulateDay().Skus.Single(s => s.Sku == sku).Promotions);
    }

    [Theory]
    [MemberData(nameof(RejectedActions))]
    public void InvalidActionsAreRejectedWithAReason(string sku, RuleAction action, string reason)
    {
        var result = Some.Shop().Apply(Some.Request(sku, action));

        Assert.Equal(ActionResultStatus.Rejected, result.Status);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string, RuleAction, string> RejectedActions() => new()
    {
        { "SIM-99999", new SetPrice(100m), "Unknown SKU 'SIM-99999'" },
        { "SIM-00001", new SetPrice(0m), "greater than 0" },
        { "SIM-00001", new SetPrice(-5m), "greater than 0" },
        { "SIM-00001", new Notify("purchasing", "Low stock"), "delivers no notifications" },
        { "SIM-00001", new PauseAds("ad-999"), "Unknown campaign 'ad-999'" },
        { "SIM-00001", new SetBid("ad-001", 0m), "bid must be greater than 0" },
        { "SIM-00001", new AddToPromo("promo-nope"), "Unknown promotion 'promo-nope'" },
        { "SIM-00001", new CreateCoupon(1.5m, TimeSpan.FromDays(1)), "discount" },
        { "SIM-00001", new SetPrice(1m), "below the marketplace's minimum price" },
        { "SIM-00001", new CancelCoupon("coupon-9999"), "Unknown coupon 'coupon-9999'" },
    };

    [Fact]
    public void EverySkuReportsAMinimumPriceBelowItsPrice()
    {
        var skus = Some.Shop().SimulateDay().Skus;

        Assert.All(skus, s => Assert.InRange(s.MinPrice!.Value, 1m, s.Price));
    }

    [Fact]
    public void PriceBelowTheMinimumIsRejectedAndTheMinimumItselfIsApplied()
    {
        var shop = Some.Shop();
        var sku = shop.SimulateDay().Skus[0];

        var below = shop.Apply(Some.Request(sku.Sku, new SetPrice(sku.MinPrice!.Value - 0.01m)));
        var atMinimum = shop.Apply(Some.Request(sku.Sku, new SetPrice(sku.MinPrice.Value)));

        Assert.Equal(ActionResultStatus.Rejected, below.Status);
        Assert.Contains($"minimum price {sku.MinPrice.Value}", below.Reason, StringComparison.Ordinal);
        Assert.Equal(ActionResultStatus.Applied, atMinimum.Status);
        Assert.Equal(sku.MinPrice.Value, shop.SimulateDay().Skus[0].Price);
    }

    [Fact]
    public void CreatedCouponIsNamedInTheResultAndCancellingItEndsIt()
    {
        var shop = Some.Shop();
        var sku = shop.SimulateDay().Skus[0].Sku;

        var created = shop.Apply(Some.Request(sku, new CreateCoupon(0.1m, TimeSpan.FromDays(10))));
        var whileActive = shop.SimulateDay().Campaigns.Single(c => c.CampaignId == created.CreatedId);
        var cancelled = shop.Apply(Some.Request(sku, new CancelCoupon(created.CreatedId!)));
        var dayAfter = shop.SimulateDay();

        Assert.Equal((ActionResultStatus.Applied, ActionResultStatus.Applied), (created.Status, cancelled.Status));
        Assert.Equal((CampaignKind.Coupon, CampaignStatus.Active), (whileActive.Kind, whileActive.Status));
        Assert.Equal(CampaignStatus.Ended, dayAfter.Campaigns.Single(c => c.CampaignId == created.CreatedId).Status);
        Assert.DoesNotContain(shop.SimulateDay().Campaigns, c => c.CampaignId == created.CreatedId);
    }

    [Fact]
    public void CancellingAnotherSkusCouponIsRejected()
    {
        var shop = Some.Shop();
        var created = shop.Apply(Some.Request("SIM-00001", new CreateCoupon(0.1m, TimeSpan.FromDays(3))));

        var result = shop.Apply(Some.Request("SIM-00002", new CancelCoupon(created.CreatedId!)));

        Assert.Equal(ActionResultStatus.Rejected, result.Status);
        Assert.Contains("is for SKU 'SIM-00001'", result.Reason, StringComparison.Ordinal);
    }
}
