using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Experiments.Tests;

public sealed class EmergencyThresholdsTests
{
    private const string RuleId = "price-cut";
    private static readonly DateOnly From = new(2026, 11, 1);
    private static readonly Rollout Half = Rollout.Parse("50%");

    [Fact]
    public void ParsesEachThresholdAndPrintsItBack()
    {
        var thresholds = EmergencyThresholds.Parse("margin-drop=2pt, orders-drop=20%, returns-above=5.5%");

        Assert.Equal(new EmergencyThresholds(2, 0.2, 0.055), thresholds);
        Assert.Equal("margin-drop=2pt, orders-drop=20%, returns-above=5.5%", thresholds.ToString());
        Assert.Equal(new EmergencyThresholds(null, 0.3, null), EmergencyThresholds.Parse("orders-drop=30"));
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("margin-drop=0pt", "margin-drop '0pt' is not a number above 0")]
    [InlineData("orders-drop=20%, orders-drop=30%", "'orders-drop' is given twice")]
    [InlineData("profit-drop=5%", "'profit-drop=5%' is not a threshold")]
    [InlineData("returns-above=lots", "returns-above 'lots' is not a number")]
    public void RefusesWhatItCannotRead(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => EmergencyThresholds.Parse(text));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMarginRateFallingFarAndSignificantlyCrossesTheThreshold()
    {
        // Control sells at a 50% margin rate, the test arm at about 33%: a 17-point drop.
        var report = Report(40, (sku, test, random) => Day(sku, orders: 2 + random.Next(2), price: test ? 150m : 200m, cost: 100m));

        var crossed = EmergencyThresholds.Parse("margin-drop=5pt").CrossedBy(report);

        var reason = Assert.Single(crossed);
        Assert.Contains("margin rate is 16.7 points below control", reason, StringComparison.Ordinal);
        Assert.Empty(EmergencyThresholds.Parse("margin-drop=20pt").CrossedBy(report));
    }

    [Fact]
    public void NothingIsCrossedWithoutEnoughSkusOrWithoutASignificantHarm()
    {
        var tooFew = Report(8, (sku, test, random) => Day(sku, orders: 2, price: test ? 100m : 200m, cost: 90m));
        var noise = Report(40, (sku, _, random) => Day(sku, orders: random.Next(6), price: 200m, cost: 100m, returns: random.Next(2)));

        Assert.False(tooFew.EnoughData);
        Assert.Empty(EmergencyThresholds.Parse("margin-drop=1pt").CrossedBy(tooFew));
        Assert.Empty(EmergencyThresholds.Parse("margin-drop=1pt, orders-drop=1%, returns-above=1%").CrossedBy(noise));
    }

    [Fact]
    public void OrdersFallingAndReturnsRisingCrossTheirThresholds()
    {
        var report = Report(40, (sku, test, random) => Day(sku, orders: test ? 1 + random.Next(2) : 5 + random.Next(2), price: 200m, cost: 100m, returns: test ? 1 : 0));

        var crossed = EmergencyThresholds.Parse("orders-drop=30%, returns-above=10%").CrossedBy(report);

        Assert.Equal(2, crossed.Count);
        Assert.Contains("orders per SKU-day are", crossed[0], StringComparison.Ordinal);
        Assert.Contains("return rate is", crossed[1], StringComparison.Ordinal);
    }

    private static ExperimentReport Report(int skuCount, Func<SkuKey, bool, Random, Func<DateOnly, SkuDayOutcome>> day)
    {
        var outcomes = new List<SkuDayOutcome>();
        for (var i = 0; i < skuCount; i++)
        {
            var sku = new SkuKey("simulator", "demo", $"SKU-{i:000}");
            var random = new Random(i);
            for (var d = 0; d < 14; d++)
            {
                outcomes.Add(day(sku, Half.ArmOf(RuleId, sku) == ExperimentArm.Test, random)(From.AddDays(d)));
            }
        }

        return ExperimentReport.Build(RuleId, Half, outcomes, [], From, From.AddDays(13));
    }

    private static Func<DateOnly, SkuDayOutcome> Day(SkuKey sku, int orders, decimal price, decimal cost, int returns = 0) =>
        date => new SkuDayOutcome(sku, date, 100, orders, returns, orders * price, orders * (price - cost), false);
}
