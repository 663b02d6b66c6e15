using Marketpilot.Actions.Guardrails;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Actions.Tests;

public sealed class ActionGuardTests
{
    private static readonly GuardrailSettings Defaults = new() { MinMargin = 0.12m };

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void APriceOfZeroOrLessIsAlwaysRefused(decimal price)
    {
        var refusal = Check(new SetPrice(price), Sku(price: 100m, cost: 0m), Defaults with { MinMargin = 0m });

        Assert.Equal(new GuardrailRejection("positivePrice", 0m, price), refusal?.Rejection);
    }

    [Fact]
    public void APriceBelowTheMarginFloorIsRefusedWithTheFloorAndTheRequestedPrice()
    {
        var refusal = Check(new SetPrice(100m), Sku(price: 110m, cost: 90m));

        // floor = 90 / (1 - 0.12) = 102.2727… → 102.28
        Assert.Equal(new GuardrailRejection("minMargin", 102.28m, 100m), refusal?.Rejection);
        Assert.Contains("below the floor 102.28", refusal?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void APriceBelowTheMarketplacesMinimumIsRefused()
    {
        var refusal = Check(new SetPrice(95m), Sku(price: 100m, cost: 10m) with { MinPrice = 96m });

        Assert.Equal(new GuardrailRejection("marketplaceMinPrice", 96m, 95m), refusal?.Rejection);
    }

    [Fact]
    public void APriceChangeLargerThanOneActionMayIsRefusedNotRewritten()
    {
        var refusal = Check(new SetPrice(130m), Sku(price: 100m, cost: 10m), Defaults with { MaxPriceChangePerAction = 0.2m });

        Assert.Equal(new GuardrailRejection("maxPriceChangePerAction", 0.2m, 0.3m), refusal?.Rejection);
    }

    [Fact]
    public void TheDayLimitCountsFromTheDaysOpeningPriceAcrossActions()
    {
        var sku = Sku(price: 100m, cost: 10m);
        var limits = Defaults with { MaxPriceChangePerAction = 0.2m, MaxPriceChangePerDay = 0.3m };
        var day = new SkuActionDay { Date = new DateOnly(2026, 12, 4) };

        var first = ActionGuard.Check(new SetPrice(118m), sku, limits, day);
        ActionGuard.Approve("a1", new SetPrice(118m), sku, day);
        var second = ActionGuard.Check(new SetPrice(135m), sku, limits, day);

        Assert.Null(first);
        Assert.Equal(new GuardrailRejection("maxPriceChangePerDay", 0.3m, 0.35m), second?.Rejection);
        Assert.Equal((100m, 118m), (day.OpeningPrice, day.Price));
    }

    [Fact]
    public void ACouponIsRefusedWhenItsDiscountTheDaysCountOrTheMarginFloorIsExceeded()
    {
        var sku = Sku(price: 100m, cost: 80m);
        var day = new SkuActionDay();

        var tooDeep = Check(new CreateCoupon(0.6m, TimeSpan.FromDays(1)), sku, Defaults with { MinMargin = 0m }, day);
        var belowFloor = Check(new CreateCoupon(0.25m, TimeSpan.FromDays(1)), sku, Defaults with { MinMargin = 0m }, day);
        day.Coupons = 3;
        var tooMany = Check(new CreateCoupon(0.1m, TimeSpan.FromDays(1)), sku, Defaults with { MinMargin = 0m }, day);

        Assert.Equal("maxCouponDiscount", tooDeep?.Rejection.Name);
        Assert.Equal(new GuardrailRejection("minMargin", 80m, 75m), belowFloor?.Rejection);
        Assert.Equal(new GuardrailRejection("maxCouponsPerSkuPerDay", 3m, 4m), tooMany?.Rejection);
    }

    [Fact]
    public void AnActionWithinEveryLimitPasses()
    {
        Assert.Null(Check(new SetPrice(105m), Sku(price: 100m, cost: 50m)));
        Assert.Null(Check(new PauseAds(), Sku(price: 100m, cost: 50m)));
    }

    [Fact]
    public void ARuleHeaderTightensButNeverLoosens()
    {
        var shop = new GuardrailSettings { MinMargin = 0.1m, MaxPriceChangePerAction = 0.2m, MaxActionsPerRulePerDay = 50 };

        var rule = shop.TightenedBy(new Scripting.Metadata.RuleGuardrails(MinMargin: 0.05m, MaxPriceChangePerAction: 0.1m, MaxActionsPerRulePerDay: 100));

        Assert.Equal((0.1m, 0.1m, 50), (rule.MinMargin, rule.MaxPriceChangePerAction, rule.MaxActionsPerRulePerDay));
    }

    [Fact]
    public void InvalidSettingsNameEachField()
    {
        var errors = new GuardrailSettings { MinMargin = 1m, MaxPriceChangePerAction = 0m, MaxCouponsPerSkuPerDay = -1 }.Validate();

        Assert.Equal(["minMargin", "maxPriceChangePerAction", "maxCouponsPerSkuPerDay"], errors.Select(e => e.Key));
    }

    private static (GuardrailRejection Rejection, string Reason)? Check(RuleAction action, SkuSnapshot sku, GuardrailSettings? limits = null, SkuActionDay? day = null) =>
        ActionGuard.Check(action, sku, limits ?? Defaults, day ?? new SkuActionDay());

    private static SkuSnapshot Sku(decimal price, decimal cost) => new()
    {
        Marketplace = Marketplaces.Simulator,
        ShopId = "demo",
        Sku = "kettle",
        Price = price,
        Cost = cost,
    };
}
