using Marketpilot.Grains.Campaigns;
using Marketpilot.Grains.Skus;
using Marketpilot.Grains.Tests.Support;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Grains.Tests.Campaigns;

[Collection(SiloCollection.Name)]
public sealed class CampaignGrainTests(SiloFixture silo)
{
    [Fact]
    public async Task ACampaignUpdateLinksTheCampaignIntoTheSkusView()
    {
        var sku = await RecordSkuAsync();
        var campaign = Some.Campaign(skus: sku.Sku);

        await Grain(campaign).UpdateAsync(campaign);
        var view = await Sku(sku).GetAsync();

        Assert.Equal(campaign.CampaignId, view!.Campaigns.Single().CampaignId);
    }

    [Fact]
    public async Task ACampaignThatDropsASkuIsUnlinkedFromIt()
    {
        var (kept, dropped) = (await RecordSkuAsync(), await RecordSkuAsync());
        var campaign = Some.Campaign(skus: [kept.Sku, dropped.Sku]);
        await Grain(campaign).UpdateAsync(campaign);

        await Grain(campaign).UpdateAsync(campaign with { Skus = [kept.Sku], Spend = 150m });

        Assert.Empty((await Sku(dropped).GetAsync())!.Campaigns);
        Assert.Equal(150m, (await Sku(kept).GetAsync())!.Campaigns.Single().Spend);
    }

    [Fact]
    public async Task ResendingTheSameDayReplacesThatDaysSnapshot()
    {
        var campaign = Some.Campaign();
        await Grain(campaign).UpdateAsync(campaign with { Date = Some.Day(-1) });
        await Grain(campaign).UpdateAsync(campaign);

        var view = await Grain(campaign).UpdateAsync(campaign with { Spend = 300m });

        Assert.Equal([Some.Day(-1), Some.Day()], view.History.Select(c => c.Date!.Value));
        Assert.Equal(300m, view.History[^1].Spend);
    }

    [Fact]
    public async Task ACampaignNeverRecordedHasNoView()
    {
        var view = await Grain(Some.Campaign()).GetAsync();

        Assert.Null(view);
    }

    [Fact]
    public async Task CampaignStateSurvivesDeactivation()
    {
        var campaign = Some.Campaign(skus: "kettle");
        await Grain(campaign).UpdateAsync(campaign);

        await silo.Cluster.DeactivateAsync(Grain(campaign));
        var view = await Grain(campaign).GetAsync();

        Assert.Equal(["kettle"], view!.Snapshot.Skus);
    }

    private async Task<SkuSnapshot> RecordSkuAsync()
    {
        var snapshot = Some.Sku();
        await Sku(snapshot).UpdateAsync(snapshot);
        return snapshot;
    }

    private ICampaignGrain Grain(CampaignSnapshot campaign) => silo.Client.GetGrain<ICampaignGrain>(GrainKeys.For(campaign.Key));

    private ISkuGrain Sku(SkuSnapshot snapshot) => silo.Client.GetGrain<ISkuGrain>(GrainKeys.For(snapshot.Key));
}
