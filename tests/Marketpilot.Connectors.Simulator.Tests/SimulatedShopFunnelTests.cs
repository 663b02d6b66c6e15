using Marketpilot.Connectors.Simulator.Tests.Support;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Connectors.Simulator.Tests;

/// <summary>The simulator emits only snapshots the host accepts: positive prices and counts that follow the funnel.</summary>
public sealed class SimulatedShopFunnelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(42)]
    public void NinetyDaysFollowTheFunnel(int seed)
    {
        var days = Some.Shop(seed, skuCount: 200).Days(90);

        AssertFollowTheFunnel(days);
    }

    [Fact]
    public void CheapPricesHighBidsAndCouponsStillFollowTheFunnel()
    {
        var shop = Some.Shop(skuCount: 100);
        var first = shop.SimulateDay();
        foreach (var sku in first.Skus)
        {
            shop.Apply(Some.Request(sku.Sku, new SetPrice(0.01m)));
            shop.Apply(Some.Request(sku.Sku, new CreateCoupon(0.5m, TimeSpan.FromDays(30))));
        }

        foreach (var campaign in first.Campaigns.Where(c => c.Kind == CampaignKind.Ad))
        {
            shop.Apply(Some.Request(campaign.Skus[0], new SetBid(campaign.CampaignId, 5000m)));
            shop.Apply(Some.Request(campaign.Skus[0], new SetBudget(campaign.CampaignId, 10_000_000m)));
        }

        AssertFollowTheFunnel(shop.Days(30));
    }

    private static void AssertFollowTheFunnel(List<SimulatedDay> days)
    {
        Assert.All(days.SelectMany(d => d.Skus), s =>
        {
            Assert.True(s.Price > 0, $"{s.Sku} on {s.Date}: price {s.Price}");
            Assert.True(s.Clicks <= s.Impressions, $"{s.Sku} on {s.Date}: clicks {s.Clicks} > impressions {s.Impressions}");
            Assert.True(s.AddToCart <= s.Clicks, $"{s.Sku} on {s.Date}: addToCart {s.AddToCart} > clicks {s.Clicks}");
            Assert.True(s.Orders <= s.Clicks, $"{s.Sku} on {s.Date}: orders {s.Orders} > clicks {s.Clicks}");
        });
        Assert.All(days.SelectMany(d => d.Campaigns).Where(c => c.Kind == CampaignKind.Ad), c =>
            Assert.True(c.Clicks <= c.Impressions, $"{c.CampaignId} on {c.Date}: clicks {c.Clicks} > impressions {c.Impressions}"));
    }
}
