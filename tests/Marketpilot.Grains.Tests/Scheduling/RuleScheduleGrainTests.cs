using Marketpilot.Actions.Guardrails;
using Marketpilot.Actions;
using Marketpilot.Grains.Skus;
using Marketpilot.Grains.Tests.Support;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Rules;
using static Marketpilot.Grains.Tests.Support.ScheduleCluster;
using static Marketpilot.Grains.Tests.Support.ScheduledRuleRunner;

namespace Marketpilot.Grains.Tests.Scheduling;

public sealed class RuleScheduleGrainTests
{
    [Fact]
    public async Task AnHourlyRuleDoesNotRunOnDataChangeButOnEverySkuOnceTheHourPasses()
    {
        await using var schedule = await StartAsync(skus: 3);
        var runsBeforeTheHour = schedule.Skus.Sum(s => schedule.Rules.RunsOf(HourlyPrice, s).Count);

        schedule.AdvanceTo(10);
        await schedule.RunDueAsync();

        Assert.Equal(0, runsBeforeTheHour);
        Assert.All(schedule.Skus, s => Assert.Equal([At(10)], schedule.Rules.RunsOf(HourlyPrice, s)));
    }

    [Fact]
    public async Task TheHourlySweepRunsOncePerHourAndOnceAfterAGapOfSeveralHours()
    {
        await using var schedule = await StartAsync(skus: 3);

        foreach (var (hour, minute) in new[] { (10, 0), (10, 0), (10, 59), (11, 0), (16, 20), (16, 40) })
        {
            schedule.AdvanceTo(hour, minute);
            await schedule.RunDueAsync();
        }

        Assert.All(schedule.Skus, s => Assert.Equal([At(10), At(11), At(16)], schedule.Rules.RunsOf(HourlyPrice, s)));
    }

    [Fact]
    public async Task TheHourlySweepDoesNotRunDataChangeRules()
    {
        await using var schedule = await StartAsync(skus: 2);

        schedule.AdvanceTo(10);
        await schedule.RunDueAsync();

        Assert.All(schedule.Skus, s => Assert.Equal([Start], schedule.Rules.RunsOf(OnChange, s)));
    }

    [Fact]
    public async Task ADailyRuleRunsOncePerDayAtMidnightUtc()
    {
        await using var schedule = await StartAsync(skus: 2);

        foreach (var (hour, days) in new[] { (12, 0), (23, 0), (0, 1), (1, 1), (12, 1), (0, 2) })
        {
            schedule.AdvanceTo(hour, days: days);
            await schedule.RunDueAsync();
        }

        Assert.All(schedule.Skus, s => Assert.Equal([At(0, days: 1), At(0, days: 2)], schedule.Rules.RunsOf(DailyNotify, s)));
    }

    [Fact]
    public async Task TheDailyRunFollowsTheConfiguredTimeOfDay()
    {
        await using var schedule = await StartAsync(skus: 1, configure: options => options.DailyAtUtc = new TimeSpan(21, 30, 0));

        schedule.AdvanceTo(21, 29);
        await schedule.RunDueAsync();
        schedule.AdvanceTo(21, 30);
        await schedule.RunDueAsync();

        Assert.Equal([At(21, 30)], schedule.Rules.RunsOf(DailyNotify, schedule.Skus[0]));
    }

    [Fact]
    public async Task ScheduledProposalsReachTheActionLogAndTheConnector()
    {
        await using var schedule = await StartAsync(skus: 1);
        var sku = schedule.Skus[0].Sku;

        schedule.AdvanceTo(10);
        await schedule.RunDueAsync();
        schedule.AdvanceTo(0, days: 1);
        await schedule.RunDueAsync();

        var price = (await schedule.ActionLog.SettledAsync(new ActionQuery(Sku: sku, RuleId: HourlyPrice.Id))).Items[^1];
        var notify = (await schedule.ActionLog.SettledAsync(new ActionQuery(Sku: sku, RuleId: DailyNotify.Id))).Items.Single();
        Assert.Equal((ActionStatus.Applied, new SetPrice(101m) { Reason = "hourly nudge" }), (price.Status, price.Action));
        Assert.Contains(schedule.Connector.Applied, r => r.IdempotencyKey == price.ActionId);
        Assert.Equal((ActionKind.Notify, ActionStatus.Applied, "notified via log"), (notify.Kind, notify.Status, notify.StatusReason));
    }

    [Fact]
    public async Task ADryRunScheduledRulesProposalIsRecordedButNeverReachesTheConnector()
    {
        await using var schedule = await StartAsync(skus: 1);

        schedule.AdvanceTo(10);
        await schedule.RunDueAsync();

        var logged = (await schedule.ActionLog.QueryAsync(new ActionQuery(Sku: schedule.Skus[0].Sku, RuleId: HourlyDry.Id))).Items.Single();
        Assert.Equal(ActionStatus.DryRun, logged.Status);
        Assert.StartsWith(ActionApprover.DryRunReason, logged.StatusReason, StringComparison.Ordinal);
        Assert.DoesNotContain(schedule.Connector.Applied, r => r.IdempotencyKey == logged.ActionId);
    }

    [Fact]
    public async Task ScheduledRunsSeeTheScheduledTimeSoCooldownsRunOut()
    {
        await using var schedule = await StartAsync(skus: 1);
        var sku = schedule.Skus[0];

        foreach (var hour in new[] { 10, 11, 12 })
        {
            schedule.AdvanceTo(hour, 7);
            await schedule.RunDueAsync();
        }

        var prices = await schedule.ActionLog.QueryAsync(new ActionQuery(Sku: sku.Sku, RuleId: HourlyPrice.Id));
        var state = (await schedule.Sku(sku).GetAsync())!.Rules.Single(r => r.RuleId == HourlyPrice.Id);
        Assert.Equal([At(10), At(11), At(12)], schedule.Rules.RunsOf(HourlyPrice, sku));
        Assert.Equal(2, prices.Items.Count);
        Assert.Equal((At(12), At(12)), (state.LastRunAt, state.LastFiredAt));
    }

    [Fact]
    public async Task AScheduledFiringBeforeADataChangeFiringDoesNotMoveLastFiredAtBack()
    {
        await using var schedule = await StartAsync(skus: 0);
        var aheadOfTheClock = Some.Sku(date: Some.Day(3)) with { Stock = 0 };
        var asOfTheData = new DateTimeOffset(Some.Day(4), TimeOnly.MinValue, TimeSpan.Zero);
        await schedule.Sku(aheadOfTheClock.Key).UpdateAsync(aheadOfTheClock);

        schedule.AdvanceTo(10);
        await schedule.RunDueAsync();

        var state = (await schedule.Sku(aheadOfTheClock.Key).GetAsync())!.Rules.Single(r => r.RuleId == OutOfStock.Id);
        Assert.Equal([asOfTheData, At(10)], schedule.Rules.RunsOf(OutOfStock, aheadOfTheClock.Key));
        Assert.Equal((RuleOutcome.Fired, At(10), asOfTheData), (state.LastOutcome, state.LastRunAt, state.LastFiredAt));
    }

    [Fact]
    public async Task AnHourMissedWhileTheSilosWereDownRunsOnceAfterTheRestart()
    {
        await using var schedule = await StartAsync(skus: 2);

        await schedule.StopAsync();
        schedule.AdvanceTo(13, 10);
        await schedule.RestartAsync();
        await schedule.RunDueAsync();

        Assert.All(schedule.Skus, s => Assert.Equal([At(13)], schedule.Rules.RunsOf(HourlyPrice, s)));
    }

    [Fact]
    public async Task ASkuRunsEachScheduledTimeOnlyOnce()
    {
        await using var schedule = await StartAsync(skus: 1);
        var grain = schedule.Sku(schedule.Skus[0]);

        var first = await grain.RunScheduledAsync(RuleTrigger.Hourly, At(10));
        var again = await grain.RunScheduledAsync(RuleTrigger.Hourly, At(10));
        var earlier = await grain.RunScheduledAsync(RuleTrigger.Hourly, At(9));

        Assert.Equal((true, false, false), (first, again, earlier));
        Assert.Equal([At(10)], schedule.Rules.RunsOf(HourlyPrice, schedule.Skus[0]));
    }

    [Fact]
    public async Task ASweepCallsAtMostMaxConcurrentSkusAtOnce()
    {
        var rules = new ScheduledRuleRunner { Hold = TimeSpan.FromMilliseconds(20) };
        await using var schedule = await StartAsync(skus: 6, rules: rules, configure: options => (options.MaxConcurrentSkus, options.BatchSize) = (2, 100));

        schedule.AdvanceTo(10);
        await schedule.RunDueAsync();

        Assert.All(schedule.Skus, s => Assert.Single(rules.RunsOf(HourlyPrice, s)));
        Assert.InRange(rules.MaxInFlight, 1, 2);
    }
}
