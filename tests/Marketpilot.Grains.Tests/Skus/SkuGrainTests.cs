using Marketpilot.Actions.Guardrails;
using Marketpilot.Actions;
using Marketpilot.Experiments;
using Marketpilot.Grains.Skus;
using Marketpilot.Grains.Tests.Support;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Grains.Tests.Skus;

[Collection(SiloCollection.Name)]
public sealed class SkuGrainTests(SiloFixture silo)
{
    [Fact]
    public async Task AnUpdatedSnapshotIsReturnedByGet()
    {
        var snapshot = Some.Sku();

        await Grain(snapshot).UpdateAsync(snapshot);
        var view = await Grain(snapshot).GetAsync();

        Assert.Equal(snapshot with { Promotions = view!.Snapshot.Promotions }, view.Snapshot);
        Assert.Equal(snapshot.Clicks, view.Day.Clicks);
    }

    [Fact]
    public async Task ASnapshotWithoutACostKeepsTheCostTheSkuHad()
    {
        var posted = Some.Sku() with { Cost = 61.5m };
        await Grain(posted).UpdateAsync(posted);

        var pulled = await Grain(posted).UpdateAsync(posted with { Cost = 0, Price = 99m }, MetricKinds.Orders);
        var repriced = await Grain(posted).UpdateAsync(posted with { Cost = 70m });

        Assert.Equal((61.5m, 99m), (pulled.Snapshot.Cost, pulled.Snapshot.Price));
        Assert.Equal(70m, repriced.Snapshot.Cost);
    }

    [Fact]
    public async Task ASkuNeverUpdatedHasNoView()
    {
        var view = await silo.Client.GetGrain<ISkuGrain>(GrainKeys.For(new SkuKey(Marketplaces.Simulator, Some.ShopId, Some.Id()))).GetAsync();

        Assert.Null(view);
    }

    [Fact]
    public async Task ASnapshotForAnotherSkuIsRefused()
    {
        var grain = Grain(Some.Sku());

        await Assert.ThrowsAsync<ArgumentException>(() => grain.UpdateAsync(Some.Sku()));
    }

    [Fact]
    public async Task ResendingTheSameDayReplacesThatDaysCounts()
    {
        var first = Some.Sku(clicks: 40, orders: 2);
        await Grain(first).UpdateAsync(Some.Sku(first.Sku, date: Some.Day(-1), clicks: 10));
        await Grain(first).UpdateAsync(first);

        var view = await Grain(first).UpdateAsync(first with { Clicks = 55, Orders = 3 });

        Assert.Equal([Some.Day(-1), Some.Day()], view.History.Select(d => d.Date));
        Assert.Equal((55, 3), (view.History[^1].Clicks, view.History[^1].Orders));
        Assert.Equal(65, view.Week.Clicks);
    }

    [Fact]
    public async Task HistoryKeepsTheNewestSixtyDays()
    {
        var sku = Some.Id();
        SkuView view = null!;

        for (var day = -61; day <= 0; day++)
        {
            view = await Grain(Some.Sku(sku)).UpdateAsync(Some.Sku(sku, date: Some.Day(day)));
        }

        Assert.Equal(60, view.History.Count);
        Assert.Equal(Some.Day(-59), view.History[0].Date);
    }

    [Fact]
    public async Task EachDaysPriceCostStockAndRevenueAreKeptAsLongAsTheHistory()
    {
        var sku = Some.Id();
        SkuView view = null!;

        for (var day = -61; day <= 0; day++)
        {
            var snapshot = Some.Sku(sku, date: Some.Day(day)) with
            {
                Price = 200m + day, Cost = 50m, Stock = day == -1 ? 0 : 7, Revenue = day % 2 == 0 ? 10m * -day : null,
            };
            view = await Grain(snapshot).UpdateAsync(snapshot);
        }

        view = await Grain(Some.Sku(sku)).UpdateAsync(Some.Sku(sku, date: Some.Day()) with { Price = 250m, Cost = 50m, Stock = 3, Revenue = 99m });

        Assert.Equal(view.History.Select(d => d.Date), view.Days.Select(d => d.Date));
        Assert.Equal(new SkuDayValues(Some.Day(-59), 141m, 50m, 7, null), view.Days[0]);
        Assert.Equal(new SkuDayValues(Some.Day(-2), 198m, 50m, 7, 20m), view.Days[^3]);
        Assert.Equal(new SkuDayValues(Some.Day(-1), 199m, 50m, 0, null), view.Days[^2]);
        Assert.Equal(new SkuDayValues(Some.Day(), 250m, 50m, 3, 99m), view.Days[^1]); // the day's last snapshot wins
    }

    [Fact]
    public async Task ADryRunRulesProposalIsRecordedButNeverReachesTheConnector()
    {
        var snapshot = Some.Sku(cardStatus: "dry");

        await Grain(snapshot).UpdateAsync(snapshot);
        var logged = (await silo.ActionLog.QueryAsync(new ActionQuery(Sku: snapshot.Sku, RuleId: FakeRuleRunner.DryPrice.Id))).Items.Single();

        Assert.Equal(ActionStatus.DryRun, logged.Status);
        Assert.StartsWith(ActionApprover.DryRunReason, logged.StatusReason, StringComparison.Ordinal);
        Assert.DoesNotContain(silo.Connector.Applied, r => r.IdempotencyKey == logged.ActionId);
    }

    [Fact]
    public async Task AControlSkusProposalIsRecordedAsControlAndATestSkusIsApplied()
    {
        var snapshots = Enumerable.Range(0, 24).Select(_ => Some.Sku(cardStatus: "rollout")).ToList();
        foreach (var snapshot in snapshots)
        {
            await Grain(snapshot).UpdateAsync(snapshot);
        }

        var arms = snapshots.ToLookup(s => FakeRuleRunner.Half.ArmOf(FakeRuleRunner.HalfRollout.Id, s.Key));
        Assert.NotEmpty(arms[ExperimentArm.Test]);
        Assert.NotEmpty(arms[ExperimentArm.Control]);
        foreach (var snapshot in arms[ExperimentArm.Control])
        {
            var logged = (await silo.ActionLog.QueryAsync(new ActionQuery(Sku: snapshot.Sku, RuleId: FakeRuleRunner.HalfRollout.Id))).Items.Single();
            Assert.Equal(ActionStatus.Control, logged.Status);
            Assert.StartsWith(ActionApprover.ControlReason, logged.StatusReason, StringComparison.Ordinal);
            Assert.Equal(new SetPrice(snapshot.Price + 1) { Reason = "rollout trial" }, logged.Action);
            Assert.DoesNotContain(silo.Connector.Applied, r => r.IdempotencyKey == logged.ActionId);
        }

        foreach (var snapshot in arms[ExperimentArm.Test])
        {
            var logged = (await silo.ActionLog.SettledAsync(new ActionQuery(Sku: snapshot.Sku, RuleId: FakeRuleRunner.HalfRollout.Id))).Items.Single();
            Assert.Equal(ActionStatus.Applied, logged.Status);
        }
    }

    [Fact]
    public async Task ARuleProposingSetPriceEndsAppliedInTheActionLog()
    {
        var snapshot = Some.SkuBelowMarginFloor();

        await Grain(snapshot).UpdateAsync(snapshot);
        var logged = (await silo.ActionLog.SettledAsync(new ActionQuery(Sku: snapshot.Sku))).Items.Single();

        Assert.Equal(ActionStatus.Applied, logged.Status);
        Assert.Equal((FakeRuleRunner.MinMargin.Id, FakeRuleRunner.MinMargin.Version), (logged.RuleId, logged.RuleVersion));
        Assert.Equal(new SetPrice(107.95m) { Reason = "margin floor 12%" }, logged.Action);
        Assert.Contains(silo.Connector.Applied, r => r.IdempotencyKey == logged.ActionId);
    }

    [Fact]
    public async Task AnActionForAnUnknownMarketplaceIsRejectedWithTheReason()
    {
        var snapshot = Some.SkuBelowMarginFloor(marketplace: "bazaar");

        await Grain(snapshot).UpdateAsync(snapshot);
        var logged = (await silo.ActionLog.SettledAsync(new ActionQuery(Sku: snapshot.Sku))).Items.Single();

        Assert.Equal(ActionStatus.Rejected, logged.Status);
        Assert.Equal("no connector for marketplace 'bazaar' is loaded", logged.StatusReason);
    }

    [Fact]
    public async Task NotifyActionsGoToTheLogChannelByDefault()
    {
        var snapshot = Some.Sku() with { Stock = 0 };

        await Grain(snapshot).UpdateAsync(snapshot);
        var logged = (await silo.ActionLog.SettledAsync(new ActionQuery(Sku: snapshot.Sku))).Items.Single();

        Assert.Equal((ActionKind.Notify, ActionStatus.Applied, "notified via log"), (logged.Kind, logged.Status, logged.StatusReason));
    }

    [Theory]
    [InlineData("broken", "division by zero at line 3")]
    [InlineData("throws", "runner crashed")]
    public async Task AFailingRuleIsRecordedAndTheOtherRulesStillFire(string cardStatus, string error)
    {
        var snapshot = Some.SkuBelowMarginFloor(cardStatus: cardStatus);
        await Grain(snapshot).UpdateAsync(snapshot);

        var view = await Grain(snapshot).UpdateAsync(snapshot);

        var flaky = view.Rules.Single(r => r.RuleId == FakeRuleRunner.Flaky.Id);
        Assert.Equal((RuleOutcome.Failed, error, 2, 2, "v7"), (flaky.LastOutcome, flaky.LastError, flaky.ConsecutiveFailures, flaky.TotalFailures, flaky.RuleVersion));
        Assert.Equal(RuleOutcome.Fired, view.Rules.Single(r => r.RuleId == FakeRuleRunner.MinMargin.Id).LastOutcome);
    }

    [Fact]
    public async Task ASuccessfulRunResetsConsecutiveFailuresButKeepsTheTotal()
    {
        var snapshot = Some.Sku(cardStatus: "broken");
        await Grain(snapshot).UpdateAsync(snapshot);

        var view = await Grain(snapshot).UpdateAsync(snapshot with { CardStatus = "fine" });

        var flaky = view.Rules.Single(r => r.RuleId == FakeRuleRunner.Flaky.Id);
        Assert.Equal((RuleOutcome.NoAction, null, 0, 1), (flaky.LastOutcome, flaky.LastError, flaky.ConsecutiveFailures, flaky.TotalFailures));
    }

    [Fact]
    public async Task StateSurvivesDeactivation()
    {
        var snapshot = Some.SkuBelowMarginFloor();
        var before = await Grain(snapshot).UpdateAsync(snapshot);

        await silo.Cluster.DeactivateAsync(Grain(snapshot));
        var after = await Grain(snapshot).GetAsync();

        Assert.Equal(before.History, after!.History);
        Assert.Equal(before.Rules, after.Rules);
        Assert.Equal(snapshot.Price, after.Snapshot.Price);
    }

    private ISkuGrain Grain(SkuSnapshot snapshot) => silo.Client.GetGrain<ISkuGrain>(GrainKeys.For(snapshot.Key));
}
