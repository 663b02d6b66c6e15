using Marketpilot.Actions;
using Marketpilot.Actions.Control;
using Marketpilot.Actions.Guardrails;
using Marketpilot.Actions.Undo;
using Marketpilot.Grains.Skus;
using Marketpilot.Grains.Tests.Support;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.Grains.Tests.Actions;

/// <summary>From a rule's proposal to the connector through the real silo: guardrails, replays, undo, modes.</summary>
[Collection(SiloCollection.Name)]
public sealed class ActionPipelineTests(SiloFixture silo)
{
    [Fact]
    public async Task AProposalAShopsGuardrailRefusesIsLoggedRejectedNamingItAndNeverSent()
    {
        var snapshot = Some.SkuBelowMarginFloor() with { ShopId = Some.Id("guarded-shop") };
        await silo.Client.GetGrain<IShopGuardrailsGrain>(IShopGuardrailsGrain.KeyOf(snapshot.Marketplace, snapshot.ShopId))
            .SetAsync(new GuardrailSettings { MaxPriceChangePerAction = 0.05m });

        await Grain(snapshot).UpdateAsync(snapshot);
        var logged = (await silo.ActionLog.SettledAsync(new ActionQuery(Sku: snapshot.Sku))).Items.Single();

        Assert.Equal(ActionStatus.Rejected, logged.Status);
        Assert.Equal(new GuardrailRejection("maxPriceChangePerAction", 0.05m, 0.0795m), logged.Guardrail);
        Assert.StartsWith("guardrail maxPriceChangePerAction: 100.00 → 107.95", logged.StatusReason, StringComparison.Ordinal);
        Assert.DoesNotContain(silo.Connector.Applied, r => r.IdempotencyKey == logged.ActionId);
    }

    [Fact]
    public async Task TheSameSnapshotAgainGivesTheSameActionIdAndIsAppliedOnce()
    {
        var snapshot = Some.SkuBelowMarginFloor();

        await Grain(snapshot).UpdateAsync(snapshot);
        await silo.ActionLog.SettledAsync(new ActionQuery(Sku: snapshot.Sku));
        await Grain(snapshot).UpdateAsync(snapshot);
        var logged = (await silo.ActionLog.SettledAsync(new ActionQuery(Sku: snapshot.Sku))).Items.Single();

        Assert.Equal(ActionIds.For(FakeRuleRunner.MinMargin.Id, FakeRuleRunner.MinMargin.Version, snapshot.Key, ActionIds.DataTick(snapshot), 0), logged.ActionId);
        Assert.Single(silo.Connector.Applied, r => r.IdempotencyKey == logged.ActionId);
    }

    [Fact]
    public async Task AnAppliedPriceIsUndoneOnceAndTheUndoCannotBeUndone()
    {
        var snapshot = Some.SkuBelowMarginFloor();
        await Grain(snapshot).UpdateAsync(snapshot);
        var applied = (await silo.ActionLog.SettledAsync(new ActionQuery(Sku: snapshot.Sku))).Items.Single();
        var undo = Service<ActionUndoService>();

        var first = await undo.UndoAsync(applied.ActionId);
        var compensation = (await silo.ActionLog.SettledAsync(new ActionQuery(UndoOf: applied.ActionId))).Items.Single();
        var again = await undo.UndoAsync(applied.ActionId);
        var ofUndo = await undo.UndoAsync(compensation.ActionId);
        var unknown = await undo.UndoAsync("no-such-action");

        Assert.Equal((UndoStatus.Queued, compensation.ActionId), (first.Status, first.ActionId));
        Assert.Equal((ActionStatus.Applied, new SetPrice(100m)), (compensation.Status, compensation.Action with { Reason = null }));
        Assert.Contains(silo.Connector.Applied, r => r.IdempotencyKey == compensation.ActionId);
        Assert.Equal(UndoStatus.Conflict, again.Status);
        Assert.Contains("already undone", again.Reason, StringComparison.Ordinal);
        Assert.Contains("an undo cannot be undone", ofUndo.Reason, StringComparison.Ordinal);
        Assert.Equal(UndoStatus.NotFound, unknown.Status);
    }

    [Fact]
    public async Task ADryRunOrRejectedActionCannotBeUndone()
    {
        var snapshot = Some.Sku(cardStatus: "dry");
        await Grain(snapshot).UpdateAsync(snapshot);
        var dryRun = (await silo.ActionLog.SettledAsync(new ActionQuery(Sku: snapshot.Sku))).Items.Single();

        var outcome = await Service<ActionUndoService>().UndoAsync(dryRun.ActionId);

        Assert.Equal(UndoStatus.Conflict, outcome.Status);
        Assert.Contains("is dry-run; only applied actions can be undone", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnActionOverwrittenByALaterOneIsNotUndoneButARollbackUndoesBothNewestFirst()
    {
        var first = Some.SkuBelowMarginFloor();
        await Grain(first).UpdateAsync(first);
        var second = first with { Cost = 97m, Date = first.Date!.Value.AddDays(1) };
        await Grain(second).UpdateAsync(second);
        var applied = (await silo.ActionLog.SettledAsync(new ActionQuery(Sku: first.Sku, OldestFirst: true))).Items;
        var undo = Service<ActionUndoService>();

        var overwritten = await undo.UndoAsync(applied[0].ActionId);
        var rollback = await undo.RollbackAsync(FakeRuleRunner.MinMargin.Id, applied[0].ProposedAt);
        var compensations = (await silo.ActionLog.SettledAsync(new ActionQuery(Sku: first.Sku, Undo: true, OldestFirst: true))).Items;

        Assert.Equal(2, applied.Count);
        Assert.Contains($"overwritten by action {applied[1].ActionId}", overwritten.Reason, StringComparison.Ordinal);
        Assert.Equal([new SetPrice(107.95m), new SetPrice(100m)], compensations.Select(c => c.Action with { Reason = null }));
        Assert.Equal([applied[1].ActionId, applied[0].ActionId], compensations.Select(c => c.UndoOf));
        Assert.All(compensations, c => Assert.Equal(ActionStatus.Applied, c.Status));
        Assert.Equal(RuleMode.Off, (await silo.Client.GetGrain<IAutomationGrain>(IAutomationGrain.Key).GetAsync()).RuleModes[FakeRuleRunner.MinMargin.Id]);

        // Leave the shared silo as other tests expect it.
        await Service<AutomationSwitches>().SetRuleModeAsync(FakeRuleRunner.MinMargin.Id, RuleMode.Live);
        foreach (var each in silo.Cluster.Silos)
        {
            await each.ServiceProvider.GetRequiredService<AutomationSwitches>().RefreshAsync();
        }
    }

    private T Service<T>() where T : notnull => silo.Cluster.Silos[0].ServiceProvider.GetRequiredService<T>();

    private ISkuGrain Grain(SkuSnapshot snapshot) => silo.Client.GetGrain<ISkuGrain>(GrainKeys.For(snapshot.Key));
}
