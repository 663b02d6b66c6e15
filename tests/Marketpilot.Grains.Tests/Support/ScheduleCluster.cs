using Marketpilot.Persistence.Sqlite;
using Marketpilot.Actions;
using Marketpilot.Grains.Scheduling;
using Marketpilot.Grains.Skus;
using Marketpilot.Sdk.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Marketpilot.Grains.Tests.Support;

/// <summary>
/// Two silos on their own SQLite file with a fake clock (starting at 09:30 UTC) and <see cref="ScheduledRuleRunner"/>;
/// the schedule is ticked by the test (<see cref="RunDueAsync"/>) unless <c>tickBySilos</c> is set, when its reminder
/// (every second, in real time) wakes it. Batches of 2 SKUs,
/// so a sweep takes several.
/// </summary>
internal sealed class ScheduleCluster : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = Some.Now.AddMinutes(30);

    private readonly TempDatabase _database = new();
    private readonly Action<RuleScheduleOptions> _configure;
    private InProcessTestCluster? _cluster;

    private readonly ShopCalendar _calendar;

    private ScheduleCluster(ScheduledRuleRunner rules, Action<RuleScheduleOptions> configure, ShopCalendar calendar)
    {
        Rules = rules;
        _configure = configure;
        _calendar = calendar;
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public ScheduledRuleRunner Rules { get; }

    public FakeConnector Connector { get; } = new();

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The silos are stopped.");

    /// <summary>The SKUs recorded at the start (at 09:30, after the schedule began counting).</summary>
    public IReadOnlyList<SkuKey> Skus { get; private set; } = [];

    public IActionLog ActionLog => Cluster.Silos[0].ServiceProvider.GetRequiredService<IActionLog>();

    /// <summary>Starts the silos, lets the schedule begin counting at 09:30 and records one snapshot for each of <paramref name="skus"/> new SKUs.</summary>
    public static async Task<ScheduleCluster> StartAsync(
        int skus, bool tickBySilos = false, ScheduledRuleRunner? rules = null, Action<RuleScheduleOptions>? configure = null, ShopCalendar? calendar = null)
    {
        var cluster = new ScheduleCluster(rules ?? new ScheduledRuleRunner(), options =>
        {
            options.Enabled = tickBySilos;
            options.BatchSize = 2;
            options.TickPeriod = TimeSpan.FromSeconds(1);
            configure?.Invoke(options);
        }, calendar ?? new ShopCalendar());
        await cluster.RestartAsync();
        await cluster.RunDueAsync();
        var snapshots = Enumerable.Range(0, skus).Select(_ => Some.Sku()).ToList();
        foreach (var snapshot in snapshots)
        {
            await cluster.Sku(snapshot.Key).UpdateAsync(snapshot);
        }

        cluster.Skus = [.. snapshots.Select(s => s.Key)];
        return cluster;
    }

    /// <summary>Starts two silos on the file and clock, stopping the running ones first.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _cluster = await SiloFixture.StartClusterAsync(_database.Path, Rules, Connector, services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton(_calendar);
            services.Configure(_configure);

            // The schedule reads the fake clock; the reminder that wakes it and the timer that drains it run in real time.
            services.AddKeyedSingleton<TimeProvider>(Orleans.Reminders.ReminderTimeProviderNames.Reminders, TimeProvider.System);
            services.AddKeyedSingleton<TimeProvider>(Orleans.Runtime.TimeProviderNames.Grains, TimeProvider.System);
        });
    }

    public async Task StopAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            _cluster = null;
        }
    }

    /// <summary>Ticks the schedule the way a silo does, until nothing is due.</summary>
    public Task RunDueAsync() => Cluster.Silos[0].ServiceProvider.GetRequiredService<RuleScheduleService>().RunDueAsync();

    /// <summary>Moves the clock to <paramref name="hour"/>:<paramref name="minute"/> UTC, <paramref name="days"/> days after the start day.</summary>
    public void AdvanceTo(int hour, int minute = 0, int days = 0) => Clock.SetUtcNow(At(hour, minute, days));

    /// <summary><paramref name="hour"/>:<paramref name="minute"/> UTC, <paramref name="days"/> days after the start day.</summary>
    public static DateTimeOffset At(int hour, int minute = 0, int days = 0) =>
        new(Start.Date.AddDays(days).AddHours(hour).AddMinutes(minute), TimeSpan.Zero);

    public ISkuGrain Sku(SkuKey key) => Cluster.Client.GetGrain<ISkuGrain>(GrainKeys.For(key));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _database.Dispose();
    }
}
