using Marketpilot.Grains.Sync;
using Marketpilot.Grains.Tests.Support;

namespace Marketpilot.Grains.Tests.Sync;

[Collection(SiloCollection.Name)]
public sealed class SyncCursorGrainTests(SiloFixture silo)
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task ANewMarketplaceHasNoCursor()
    {
        var cursor = await silo.Client.GetGrain<ISyncCursorGrain>(Some.Id("market")).GetCursorAsync();

        Assert.Null(cursor);
    }

    [Fact]
    public async Task TheCursorAndTheLeaseSurviveDeactivation()
    {
        var grain = silo.Client.GetGrain<ISyncCursorGrain>(Some.Id("market"));
        Assert.True((await grain.AcquireAsync("silo-a", Hour)).Granted);
        Assert.True(await grain.SetCursorAsync("silo-a", "page-42"));

        await silo.Cluster.DeactivateAsync(grain);

        Assert.Equal("page-42", await grain.GetCursorAsync());
        var other = await grain.AcquireAsync("silo-b", Hour);
        Assert.False(other.Granted);
        Assert.Equal("silo-a", other.Holder);
    }

    [Fact]
    public async Task OnlyTheHolderPullsAndSavesTheCursor()
    {
        var grain = silo.Client.GetGrain<ISyncCursorGrain>(Some.Id("market"));
        var first = await grain.AcquireAsync("silo-a", Hour);
        Assert.True(await grain.SetCursorAsync("silo-a", "page-1"));

        var second = await grain.AcquireAsync("silo-b", Hour);
        var renewed = await grain.AcquireAsync("silo-a", Hour);

        Assert.True(first.Granted);
        Assert.Null(first.Cursor);
        Assert.False(second.Granted);
        Assert.Null(second.Cursor);
        Assert.True(renewed.Granted);
        Assert.Equal("page-1", renewed.Cursor);
        Assert.False(await grain.SetCursorAsync("silo-b", "page-9"));
        Assert.Equal("page-1", await grain.GetCursorAsync());
    }

    [Fact]
    public async Task AnExpiredLeasePassesToTheNextCaller()
    {
        var grain = silo.Client.GetGrain<ISyncCursorGrain>(Some.Id("market"));
        Assert.True((await grain.AcquireAsync("silo-a", TimeSpan.FromMilliseconds(50))).Granted);
        Assert.True(await grain.SetCursorAsync("silo-a", "page-3"));

        await Task.Delay(TimeSpan.FromMilliseconds(200));
        var taken = await grain.AcquireAsync("silo-b", Hour);

        Assert.True(taken.Granted);
        Assert.Equal("page-3", taken.Cursor);
        Assert.False(await grain.SetCursorAsync("silo-a", "page-4"));
    }

    [Fact]
    public async Task AReleasedLeasePassesAtOnce()
    {
        var grain = silo.Client.GetGrain<ISyncCursorGrain>(Some.Id("market"));
        await grain.AcquireAsync("silo-a", Hour);

        await grain.ReleaseAsync("silo-b");
        Assert.False((await grain.AcquireAsync("silo-b", Hour)).Granted);
        await grain.ReleaseAsync("silo-a");

        Assert.True((await grain.AcquireAsync("silo-b", Hour)).Granted);
    }

    [Fact]
    public async Task ALeaseOfAnEarlierGenerationOfALiveSiloIsVoid()
    {
        // What a silo that restarted at the same address leaves behind: its old incarnation can no longer pull.
        var live = silo.Cluster.Silos[0].SiloAddress;
        var restarted = SiloAddress.New(live.Endpoint, live.Generation - 1).ToParsableString();
        var grain = silo.Client.GetGrain<ISyncCursorGrain>(Some.Id("market"));
        Assert.True((await grain.AcquireAsync(restarted, Hour)).Granted);

        var taken = await grain.AcquireAsync(live.ToParsableString(), Hour);

        Assert.True(taken.Granted);
    }

    [Fact]
    public async Task ALeaseOfALiveSiloHolds()
    {
        var live = silo.Cluster.Silos[1].SiloAddress.ToParsableString();
        var grain = silo.Client.GetGrain<ISyncCursorGrain>(Some.Id("market"));
        Assert.True((await grain.AcquireAsync(live, Hour)).Granted);

        var refused = await grain.AcquireAsync(silo.Cluster.Silos[0].SiloAddress.ToParsableString(), Hour);

        Assert.False(refused.Granted);
        Assert.Equal(live, refused.Holder);
    }
}
