using Marketpilot.Actions;
using Marketpilot.Grains.Skus;
using Marketpilot.Grains.Sync;
using Marketpilot.Grains.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.Grains.Tests.Skus;

public sealed class SkuGrainRestartTests : IDisposable
{
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task ANewClusterOnTheSameFileSeesEverythingTheOldOneAcknowledged()
    {
        var snapshot = Some.SkuBelowMarginFloor();
        await using (var before = await StartAsync())
        {
            await before.Client.GetGrain<ISkuGrain>(GrainKeys.For(snapshot.Key)).UpdateAsync(snapshot);
            var cursor = before.Client.GetGrain<ISyncCursorGrain>(snapshot.Marketplace);
            await cursor.AcquireAsync("test", TimeSpan.FromMinutes(1));
            await cursor.SetCursorAsync("test", "page-7");
        }

        await using var after = await StartAsync();
        var view = await after.Client.GetGrain<ISkuGrain>(GrainKeys.For(snapshot.Key)).GetAsync();
        var actions = await after.Silos[0].ServiceProvider.GetRequiredService<IActionLog>().SettledAsync(new ActionQuery(Sku: snapshot.Sku));

        Assert.Equal(snapshot.Price, view!.Snapshot.Price);
        Assert.Equal(ActionStatus.Applied, actions.Items.Single().Status);
        Assert.Equal("page-7", await after.Client.GetGrain<ISyncCursorGrain>(snapshot.Marketplace).GetCursorAsync());
    }

    public void Dispose() => _database.Dispose();

    private Task<Orleans.TestingHost.InProcessTestCluster> StartAsync() =>
        SiloFixture.StartClusterAsync(_database.Path, new FakeRuleRunner(), new FakeConnector());
}
