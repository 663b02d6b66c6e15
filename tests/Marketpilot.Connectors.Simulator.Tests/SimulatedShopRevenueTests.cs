using Marketpilot.Connectors.Simulator.Tests.Support;
using Marketpilot.Sdk.Actions;

namespace Marketpilot.Connectors.Simulator.Tests;

/// <summary>The revenue the simulator reports per SKU and day: what buyers paid, after promotion and coupon discounts.</summary>
public sealed class SimulatedShopRevenueTests
{
    [Fact]
    public void RevenueIsOrdersAtTheBuyersPriceAfterACouponAndAtTheListPriceWithoutDiscounts()
    {
        var shop = Some.Shop();
        var first = shop.SimulateDay().Skus;
        var couponed = first.OrderByDescending(s => s.Orders).First().Sku;
        var plain = first.Where(s => s.Sku != couponed).OrderByDescending(s => s.Orders).First().Sku;
        shop.Apply(Some.Request(couponed, new RemoveFromPromo()));
        shop.Apply(Some.Request(plain, new RemoveFromPromo()));
        shop.Apply(Some.Request(couponed, new CreateCoupon(0.2m, TimeSpan.FromDays(3))));

        var days = shop.Days(2).Select(d => d.Skus.ToDictionary(s => s.Sku)).ToList();

        Assert.True(days.Sum(d => d[couponed].Orders) > 0 && days.Sum(d => d[plain].Orders) > 0, "both SKUs sold on the days checked");
        Assert.All(days, day =>
        {
            Assert.Equal(decimal.Round(day[couponed].Orders * day[couponed].Price * 0.8m, 2), day[couponed].Revenue);
            Assert.Equal(decimal.Round(day[plain].Orders * day[plain].Price, 2), day[plain].Revenue);
        });
    }

    [Fact]
    public void RevenueIsReportedForEverySkuDayAndNeverExceedsOrdersAtTheListPrice()
    {
        var skus = Some.Shop().Days(5).SelectMany(d => d.Skus).ToList();

        Assert.All(skus, s => Assert.InRange(s.Revenue ?? -1m, 0m, s.Orders * s.Price));
        Assert.Contains(skus, s => s.Revenue < s.Orders * s.Price); // promotions reach the revenue
    }
}
