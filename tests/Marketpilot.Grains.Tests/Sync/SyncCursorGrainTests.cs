using Marketpilot.Grains.Sync;
using Marketpilot.Grains.Tests.Support;

namespace Marketpilot.Grains.Tests.Sync;

[Collection(SiloCollection.Name)]
public sealed class SyncCursorGrainTests(SiloFixture silo)
{
    [Fact]
    public async Task ANewMarketplaceHasNoCursor()
    {
        var cursor = await silo.Client.GetGrain<ISyncCursorGrain>(Some.Id("market")).GetCursorAsync();

        Assert.Null(cursor);
    }

    [Fact]
    public async Task TheCursorSurvivesDeactivation()
    {
        var grain = silo.Client.GetGrain<ISyncCursorGrain>(Some.Id("market"));
        await grain.SetCursorAsync("page-42");

        await silo.Cluster.DeactivateAsync(grain);

        Assert.Equal("page-42", await grain.GetCursorAsync());
    }
}
