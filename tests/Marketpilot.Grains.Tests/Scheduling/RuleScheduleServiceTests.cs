using Marketpilot.Grains.Tests.Support;
using static Marketpilot.Grains.Tests.Support.ScheduleCluster;
using static Marketpilot.Grains.Tests.Support.ScheduledRuleRunner;

namespace Marketpilot.Grains.Tests.Scheduling;

public sealed class RuleScheduleServiceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheSilosSweepOnceTheClockPassesTheHour()
    {
        await using var schedule = await StartAsync(skus: 3, tickBySilos: true);

        schedule.AdvanceTo(10);
        await schedule.Rules.WhenEvaluatedAsync(HourlyPrice, 3).WaitAsync(Patience);
        await schedule.RunDueAsync();

        Assert.All(schedule.Skus, s => Assert.Equal([At(10)], schedule.Rules.RunsOf(HourlyPrice, s)));
    }

    [Fact]
    public async Task SilosStartedAfterMissedHoursSweepOnceByThemselves()
    {
        await using var schedule = await StartAsync(skus: 3, tickBySilos: true);

        await schedule.StopAsync();
        schedule.AdvanceTo(15, 45);
        await schedule.RestartAsync();
        await schedule.Rules.WhenEvaluatedAsync(HourlyPrice, 3).WaitAsync(Patience);
        await schedule.RunDueAsync();

        Assert.All(schedule.Skus, s => Assert.Equal([At(15)], schedule.Rules.RunsOf(HourlyPrice, s)));
    }
}
