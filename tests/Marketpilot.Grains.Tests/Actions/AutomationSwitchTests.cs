using Marketpilot.Actions;
using Marketpilot.Actions.Control;
using Marketpilot.Grains.Skus;
using Marketpilot.Grains.Tests.Support;
using Marketpilot.Scripting.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.Grains.Tests.Actions;

/// <summary>The kill switches on a cluster of its own: they are global to a silo.</summary>
public sealed class AutomationSwitchTests : IDisposable
{
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task WithAutomationOffActionsStayQueuedUntilItIsOnAgain()
    {
        var connector = new FakeConnector();
        await using var cluster = await SiloFixture.StartClusterAsync(_database.Path, new FakeRuleRunner(), connector);
        var automation = cluster.Client.GetGrain<IAutomationGrain>(IAutomationGrain.Key);
        await automation.SetEnabledAsync(false, Some.Now);
        var snapshot = Some.SkuBelowMarginFloor();

        await cluster.Client.GetGrain<ISkuGrain>(GrainKeys.For(snapshot.Key)).UpdateAsync(snapshot);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var queued = (await Log(cluster).QueryAsync(new ActionQuery(Sku: snapshot.Sku))).Items.Single();
        var sentWhileOff = connector.Applied.Count;
        await automation.SetEnabledAsync(true, Some.Now);
        var afterwards = await Log(cluster).SettledAsync(new ActionQuery(Sku: snapshot.Sku));

        Assert.Equal((ActionStatus.Proposed, 0), (queued.Status, sentWhileOff));
        Assert.Equal(ActionStatus.Applied, afterwards.Items.Single().Status);
    }

    [Fact]
    public async Task ARuleSwitchedOffSendsNoneOfItsActionsStillWaiting()
    {
        var connector = new FakeConnector();
        await using var cluster = await SiloFixture.StartClusterAsync(_database.Path, new FakeRuleRunner(), connector);
        var automation = cluster.Client.GetGrain<IAutomationGrain>(IAutomationGrain.Key);
        await automation.SetEnabledAsync(false, Some.Now);
        var snapshot = Some.SkuBelowMarginFloor();
        await cluster.Client.GetGrain<ISkuGrain>(GrainKeys.For(snapshot.Key)).UpdateAsync(snapshot);
        var queued = (await Log(cluster).QueryAsync(new ActionQuery(Sku: snapshot.Sku))).Items.Single();

        foreach (var silo in cluster.Silos)
        {
            await silo.ServiceProvider.GetRequiredService<AutomationSwitches>().SetRuleModeAsync(FakeRuleRunner.MinMargin.Id, RuleMode.Off);
        }

        await automation.SetEnabledAsync(true, Some.Now);
        var settled = (await Log(cluster).SettledAsync(new ActionQuery(Sku: snapshot.Sku))).Items.Single();

        Assert.Equal(ActionStatus.Proposed, queued.Status);
        Assert.Equal(ActionStatus.Rejected, settled.Status);
        Assert.Contains("switched off before it was applied", settled.StatusReason, StringComparison.Ordinal);
        Assert.DoesNotContain(connector.Applied, r => r.IdempotencyKey == queued.ActionId);
    }

    [Fact]
    public async Task ARuleTurnedOffIsNotRun()
    {
        await using var cluster = await SiloFixture.StartClusterAsync(_database.Path, new FakeRuleRunner(), new FakeConnector());
        foreach (var silo in cluster.Silos)
        {
            await silo.ServiceProvider.GetRequiredService<AutomationSwitches>().SetRuleModeAsync(FakeRuleRunner.MinMargin.Id, RuleMode.Off);
        }

        var snapshot = Some.SkuBelowMarginFloor();
        var view = await cluster.Client.GetGrain<ISkuGrain>(GrainKeys.For(snapshot.Key)).UpdateAsync(snapshot);

        Assert.DoesNotContain(view.Rules, r => r.RuleId == FakeRuleRunner.MinMargin.Id);
        Assert.Equal(0, (await Log(cluster).QueryAsync(new ActionQuery(Sku: snapshot.Sku))).Total);
    }

    public void Dispose() => _database.Dispose();

    private static IActionLog Log(Orleans.TestingHost.InProcessTestCluster cluster) => cluster.Silos[0].ServiceProvider.GetRequiredService<IActionLog>();
}
