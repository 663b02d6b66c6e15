namespace Marketpilot.Experiments.Tests;

/// <summary>The intervals against values worked by hand from the formulas, with quantiles from printed tables (t(0.975, 10) = 2.228139, z(0.975) = 1.959964).</summary>
public sealed class ArmStatisticsTests
{
    [Fact]
    public void WelchsIntervalMatchesTheTextbookCase()
    {
        // Equal variances (3.5) and sizes (6): Welch's degrees of freedom are exactly 2 × (6 − 1) = 10.
        var compared = ArmStatistics.MeanDifference([1, 2, 3, 4, 5, 6], [3, 4, 5, 6, 7, 8])!.Value;

        Assert.Equal(-2, compared.Difference.Value, 9);
        Assert.Equal(-4.4066650, compared.Difference.Low, 6);
        Assert.Equal(0.4066650, compared.Difference.High, 6);
        Assert.False(compared.Difference.ExcludesZero);
    }

    [Fact]
    public void TheRelativeDifferenceUsesTheDeltaMethod()
    {
        var relative = ArmStatistics.MeanDifference([1, 2, 3, 4, 5, 6], [3, 4, 5, 6, 7, 8])!.Value.Relative!;

        Assert.Equal(-0.3636364, relative.Value, 6);
        Assert.Equal(-0.6862447, relative.Low, 6);
        Assert.Equal(-0.0410280, relative.High, 6);
        Assert.True(relative.ExcludesZero);
    }

    [Fact]
    public void ARatioOfSumsUsesTheDeltaMethodClusteredBySku()
    {
        var compared = ArmStatistics.RatioDifference(
            [(2, 20), (3, 25), (1, 15), (4, 30)],
            [(1, 20), (1, 18), (2, 25), (0, 10), (1, 12)])!.Value;

        Assert.Equal(0.0522876, compared.Difference.Value, 6);
        Assert.Equal(0.0188023, compared.Difference.Low, 6);
        Assert.Equal(0.0857729, compared.Difference.High, 6);
    }

    [Fact]
    public void FewerThanTwoSkusInAnArmGiveNoInterval()
    {
        Assert.Null(ArmStatistics.MeanDifference([1], [1, 2, 3]));
        Assert.Null(ArmStatistics.RatioDifference([(1, 2), (1, 3)], [(1, 2)]));
    }

    [Fact]
    public void IdenticalValuesGiveAZeroWidthInterval()
    {
        var compared = ArmStatistics.MeanDifference([2, 2, 2], [1, 1])!.Value;

        Assert.Equal(new Interval(1, 1, 1), compared.Difference);
    }
}
