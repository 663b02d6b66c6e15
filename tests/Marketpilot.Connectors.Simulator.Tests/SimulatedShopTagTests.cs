using Marketpilot.Connectors.Simulator.Tests.Support;

namespace Marketpilot.Connectors.Simulator.Tests;

/// <summary>The tags the simulator stamps on its SKUs, for rules scoped by tag.</summary>
public sealed class SimulatedShopTagTests
{
    [Fact]
    public void EverySkuCarriesASeasonAndItsProductLineEveryDay()
    {
        var days = Some.Shop().Days(3);

        Assert.All(days.SelectMany(d => d.Skus), sku =>
        {
            Assert.Equal(2, sku.Tags.Count);
            Assert.Contains(sku.Tags[0], new[] { "summer", "winter", "all-season", "holiday" });
            Assert.Equal(sku.Title!.Split(' ')[0].ToLowerInvariant(), sku.Tags[1]);
        });
        Assert.Equal(days[0].Skus.Select(s => string.Join(',', s.Tags)), days[2].Skus.Select(s => string.Join(',', s.Tags)));
    }

    [Fact]
    public void TheSeasonFollowsTheSkusPlaceInTheCatalogWhateverTheSeed()
    {
        var first = Some.Shop(seed: 1).Days(1)[0].Skus;
        var second = Some.Shop(seed: 2).Days(1)[0].Skus;

        Assert.Equal(first.Select(s => s.Tags[0]), second.Select(s => s.Tags[0]));
        Assert.Equal(["summer", "winter", "all-season", "holiday"], first.Take(4).Select(s => s.Tags[0]));
        Assert.Equal(4, first.Select(s => s.Tags[0]).Distinct().Count());
    }
}
