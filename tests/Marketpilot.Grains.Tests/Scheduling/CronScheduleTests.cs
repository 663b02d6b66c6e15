using Marketpilot.Grains.Scheduling;
using Marketpilot.Grains.Tests.Support;
using Marketpilot.Sdk.Catalog;
using static Marketpilot.Grains.Tests.Support.ScheduleCluster;
using static Marketpilot.Grains.Tests.Support.ScheduledRuleRunner;

namespace Marketpilot.Grains.Tests.Scheduling;

/// <summary>A rule with <c>cron(0 9 * * *)</c> runs at 09:00 in each shop's own time zone, once per occurrence.</summary>
public sealed class CronScheduleTests
{
    // Asia/Almaty is UTC+5 all year: its 09:00 is 04:00 UTC. Shops that are not configured run on UTC.
    private static readonly ShopCalendar Calendar = new([(Marketplaces.Simulator, Some.ShopId, "Asia/Almaty")]);

    [Fact]
    public async Task ACronRuleRunsAtNineInEachShopsTimeZone()
    {
        await using var schedule = await StartAsync(skus: 2, calendar: Calendar);
        var utcShopSku = await AddSkuInShopAsync(schedule, "shop-utc");

        schedule.AdvanceTo(4, 30, days: 1);
        await schedule.RunDueAsync();
        var inAlmatyAtFour = schedule.Skus.Select(s => schedule.Rules.RunsOf(MorningCron, s)).ToList();
        var inUtcAtFour = schedule.Rules.RunsOf(MorningCron, utcShopSku);
        schedule.AdvanceTo(9, 5, days: 1);
        await schedule.RunDueAsync();

        Assert.All(inAlmatyAtFour, runs => Assert.Equal([At(4, days: 1)], runs));
        Assert.Empty(inUtcAtFour);
        Assert.Equal([At(9, days: 1)], schedule.Rules.RunsOf(MorningCron, utcShopSku));
        Assert.All(schedule.Skus, s => Assert.Equal([At(4, days: 1)], schedule.Rules.RunsOf(MorningCron, s)));
    }

    [Fact]
    public async Task AfterAGapOfSeveralDaysOnlyTheLatestOccurrenceRuns()
    {
        await using var schedule = await StartAsync(skus: 3, calendar: Calendar);

        schedule.AdvanceTo(4, 10, days: 1);
        await schedule.RunDueAsync();
        schedule.AdvanceTo(4, 20, days: 1);
        await schedule.RunDueAsync();
        schedule.AdvanceTo(12, 0, days: 5);
        await schedule.RunDueAsync();

        Assert.All(schedule.Skus, s => Assert.Equal([At(4, days: 1), At(4, days: 5)], schedule.Rules.RunsOf(MorningCron, s)));
    }

    [Fact]
    public async Task AnOccurrenceAlreadyRunOnASkuIsNotRunAgain()
    {
        await using var schedule = await StartAsync(skus: 1, calendar: Calendar);
        var sku = schedule.Sku(schedule.Skus[0]);

        var first = await sku.RunCronAsync([MorningCron.Id], At(4, days: 1));
        var again = await sku.RunCronAsync([MorningCron.Id], At(4, days: 1));
        var earlier = await sku.RunCronAsync([MorningCron.Id], At(4));

        Assert.Equal((true, false, false), (first, again, earlier));
        Assert.Equal([At(4, days: 1)], schedule.Rules.RunsOf(MorningCron, schedule.Skus[0]));
    }

    [Fact]
    public async Task ACronRuleDoesNotRunOnDataChangeNorInTheHourlySweep()
    {
        await using var schedule = await StartAsync(skus: 2, calendar: Calendar);

        schedule.AdvanceTo(10);
        await schedule.RunDueAsync();
        schedule.AdvanceTo(11);
        await schedule.RunDueAsync();

        Assert.All(schedule.Skus, s => Assert.Empty(schedule.Rules.RunsOf(MorningCron, s)));
        Assert.All(schedule.Skus, s => Assert.Equal([At(10), At(11)], schedule.Rules.RunsOf(HourlyPrice, s)));
    }

    private static async Task<SkuKey> AddSkuInShopAsync(ScheduleCluster schedule, string shopId)
    {
        var snapshot = Some.Sku() with { ShopId = shopId };
        await schedule.Sku(snapshot.Key).UpdateAsync(snapshot);
        return snapshot.Key;
    }
}
