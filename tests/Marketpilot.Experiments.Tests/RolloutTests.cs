using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Experiments.Tests;

public sealed class RolloutTests
{
    private static readonly SkuKey[] Skus = [.. Enumerable.Range(0, 20_000).Select(i => new SkuKey("ozon", "shop", $"SKU-{i}"))];

    [Theory]
    [InlineData("15%", 15)]
    [InlineData("15", 15)]
    [InlineData(" 12.5 % ", 12.5)]
    [InlineData("100%", 100)]
    public void ParsesAPercentage(string text, double percent) => Assert.Equal((decimal)percent, Rollout.Parse(text).Percent);

    [Theory]
    [InlineData("0%")]
    [InlineData("-5%")]
    [InlineData("101%")]
    [InlineData("12.345%")]
    [InlineData("half")]
    [InlineData("")]
    public void RefusesWhatIsNotAShareOfSkus(string text)
    {
        var error = Assert.Throws<FormatException>(() => Rollout.Parse(text));
        Assert.Contains("rollout percentage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTestArmHoldsTheRolloutShareOfSkus()
    {
        var rollout = Rollout.Parse("15%");
        var test = Skus.Count(s => rollout.ArmOf("min-margin", s) == ExperimentArm.Test);

        // Binomial(20000, 0.15): the standard deviation is about 50, so 15% ± 1% is more than five of them.
        Assert.InRange(test, 2_800, 3_200);
    }

    [Fact]
    public void AnArmDependsOnlyOnTheRuleAndTheSku()
    {
        var rollout = Rollout.Parse("15%");
        var first = Skus.Select(s => rollout.ArmOf("min-margin", s)).ToList();
        var again = Skus.Select(s => Rollout.Parse("15").ArmOf("min-margin", new SkuKey(s.Marketplace, s.ShopId, s.Sku))).ToList();

        Assert.Equal(first, again);
    }

    [Fact]
    public void WideningTheRolloutOnlyMovesControlSkusIntoTheTestArm()
    {
        var narrow = Rollout.Parse("15%");
        var wide = Rollout.Parse("40%");

        Assert.All(Skus.Where(s => narrow.ArmOf("r", s) == ExperimentArm.Test), s => Assert.Equal(ExperimentArm.Test, wide.ArmOf("r", s)));
        Assert.InRange(Skus.Count(s => wide.ArmOf("r", s) == ExperimentArm.Test), 7_700, 8_300);
    }

    [Fact]
    public void TwoRulesSplitTheCatalogIndependently()
    {
        var rollout = Rollout.Parse("50%");
        var both = Skus.Count(s => rollout.ArmOf("a", s) == ExperimentArm.Test && rollout.ArmOf("b", s) == ExperimentArm.Test);

        // Independent halves overlap on a quarter of the SKUs (5000 ± 61 standard deviations).
        Assert.InRange(both, 4_700, 5_300);
    }

    [Fact]
    public void EveryoneIsInTheTestArm()
    {
        Assert.False(Rollout.Everyone.HasControl);
        Assert.All(Skus.Take(1000), s => Assert.Equal(ExperimentArm.Test, Rollout.Everyone.ArmOf("r", s)));
        Assert.Equal("15%", Rollout.Parse("15.00%").ToString());
    }
}
