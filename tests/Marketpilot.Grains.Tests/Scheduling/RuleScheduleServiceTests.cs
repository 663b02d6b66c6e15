using Marketpilot.Grains.Scheduling;
using Marketpilot.Grains.Tests.Support;
using Marketpilot.Scripting.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
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

    [Fact]
    public async Task AScheduleStoredByAnotherActivationIsReadAgainSoTheSweepIsStored()
    {
        await using var schedule = await StartAsync(skus: 3, tickBySilos: true);
        var storage = schedule.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var scheduler = schedule.Cluster.Client.GetGrain<IRuleScheduleGrain>(RuleScheduleGrain.Key).GetGrainId();

        // What a second activation does while a joining silo takes over the scheduler's directory entry: it stores the
        // schedule after the running one read it.
        var stored = new GrainState<RuleScheduleState>(new RuleScheduleState());
        await storage.ReadStateAsync(RuleScheduleGrain.StateName, scheduler, stored);
        await storage.WriteStateAsync(RuleScheduleGrain.StateName, scheduler, stored);
        schedule.AdvanceTo(10);
        await schedule.Rules.WhenEvaluatedAsync(HourlyPrice, 3).WaitAsync(Patience);

        using var deadline = new CancellationTokenSource(Patience);
        while (StoredHourly() != At(10) && !deadline.IsCancellationRequested)
        {
            await Task.Delay(100, CancellationToken.None);
            await storage.ReadStateAsync(RuleScheduleGrain.StateName, scheduler, stored);
        }

        Assert.Equal(At(10), StoredHourly());
        Assert.All(schedule.Skus, s => Assert.Equal([At(10)], schedule.Rules.RunsOf(HourlyPrice, s)));

        DateTimeOffset? StoredHourly() => stored.State?.Completed.GetValueOrDefault(RuleTrigger.Hourly);
    }
}
