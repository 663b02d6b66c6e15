using Marketpilot.Grains.Sync;
using Marketpilot.Grains.Tests.Support;

namespace Marketpilot.Grains.Tests.Sync;

public sealed class SyncLeaseOfDeadSiloTests : IDisposable
{
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task ALeaseOfASiloTheMembershipDeclaredDeadPassesBeforeItEnds()
    {
        await using var cluster = await SiloFixture.StartClusterAsync(_database.Path, new FakeRuleRunner(), new FakeConnector());
        var (survivor, leaving) = (cluster.Silos[0], cluster.Silos[1]);
        var grain = cluster.Client.GetGrain<ISyncCursorGrain>("market");
        Assert.True((await grain.AcquireAsync(leaving.SiloAddress.ToParsableString(), TimeSpan.FromHours(1))).Granted);

        await cluster.StopSiloAsync(leaving);

        // The survivor learns of the death from the membership table within a few seconds; the hour-long lease does not wait.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        SyncLease taken;
        while (!(taken = await grain.AcquireAsync(survivor.SiloAddress.ToParsableString(), TimeSpan.FromHours(1))).Granted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(taken.Granted, $"the lease stayed with {taken.Holder}");
    }

    public void Dispose() => _database.Dispose();
}
