using System.Text.RegularExpressions;
using Marketpilot.Host.Tests.Support;
using Marketpilot.Persistence.PostgreSql.Tests.Support;
using Xunit.Abstractions;

namespace Marketpilot.Host.Tests;

/// <summary>
/// What a cluster does once, not once per silo: pull a connector and sweep a scheduled rule. Three processes of the real
/// executable on a real PostgreSQL; the silo doing both is killed with SIGKILL and a survivor must take both over.
/// </summary>
public sealed partial class ClusterFailoverTests(ITestOutputHelper output)
{
    private const string PullsHere = "now pulls simulator";
    private static readonly TimeSpan TakeOverDeadline = TimeSpan.FromSeconds(150);

    // The simulator's shop is pulled every 100 ms; the scheduler looks every second for what is due.
    private static readonly string[] Args =
    [
        "--Marketpilot:Scripting:Isolation=InProcess",
        "--Marketpilot:Plugins:simulator:SkuCount=20",
        "--Marketpilot:Sync:PollIntervalMilliseconds=100",
        "--Marketpilot:Schedule:TickPeriod=00:00:01",
    ];

    [SkippableFact]
    public async Task ScheduledRulesAndSyncRunOnOneSiloAndMoveToASurvivorWhenItIsKilled()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var data = new TempFolder();
        var scripts = Path.Combine(data.Path, "rules");
        Directory.CreateDirectory(scripts);
        await File.WriteAllTextAsync(Path.Combine(scripts, "every-minute.csx"), """
            // @triggers: cron(* * * * *)
            // Looks at every SKU once a minute; proposes nothing.
            if (Sku.Stock < 0)
            {
                Log("negative stock");
            }
            """);
        await using var cluster = new ClusterSilos(database, data);

        // Alone in the cluster, the first silo takes the sync lease and activates the scheduler.
        var (first, _) = await cluster.StartWithScriptsAsync(scripts, Args);
        await first.EventuallyAsync(() => first.Output.Contains(PullsHere, StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the first silo to pull the simulator");
        var (second, _) = await cluster.StartWithScriptsAsync(scripts, Args);
        var (third, _) = await cluster.StartWithScriptsAsync(scripts, Args);
        await first.EventuallyAsync(() => FinishedSweeps(first).Count > 0, TakeOverDeadline, "the first silo to sweep the cron rule");
        await second.EventuallyAsync(() => second.Output.Contains("is pulled by silo", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the second silo to see the first one pulling");
        Assert.DoesNotContain(PullsHere, second.Output + third.Output);

        var sweptBeforeKill = FinishedSweeps(first).Max();
        await first.CrashAsync();
        var killedAt = DateTime.UtcNow;

        await second.EventuallyAsync(
            () => Survivors().Any(s => s.Output.Contains(PullsHere, StringComparison.Ordinal)),
            TakeOverDeadline,
            "a survivor to take over pulling the simulator");
        var syncTakenAfter = DateTime.UtcNow - killedAt;
        await second.EventuallyAsync(
            () => Survivors().SelectMany(FinishedSweeps).Any(at => at > sweptBeforeKill),
            TakeOverDeadline,
            "a survivor to sweep a minute after the kill");
        output.WriteLine($"sync taken over {syncTakenAfter.TotalSeconds:0.0} s and the next cron sweep finished {(DateTime.UtcNow - killedAt).TotalSeconds:0.0} s after the kill");

        Assert.Single(Survivors(), s => s.Output.Contains(PullsHere, StringComparison.Ordinal));
        var all = cluster.Silos.SelectMany(FinishedSweeps).ToList();
        Assert.Empty(all.GroupBy(at => at).Where(g => g.Count() > 1).Select(g => $"the sweep for {g.Key:o} finished {g.Count()} times"));

        IEnumerable<HostProcess> Survivors() => [second, third];
    }

    [SkippableFact]
    public async Task ASiloStoppedCleanlyHandsItsShopsToAnotherAtOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var data = new TempFolder();
        await using var cluster = new ClusterSilos(database, data);
        var (first, _) = await cluster.StartAsync(Args);
        await first.EventuallyAsync(() => first.Output.Contains(PullsHere, StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the first silo to pull the simulator");
        var (second, _) = await cluster.StartAsync(Args);
        await second.EventuallyAsync(() => second.Output.Contains("is pulled by silo", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the second silo to see the first one pulling");

        Assert.Equal(0, await first.StopAsync());
        var stoppedAt = DateTime.UtcNow;

        // Far sooner than the lease's own end (poll + 2 x 30 s call timeout + 15 s).
        await second.EventuallyAsync(() => second.Output.Contains(PullsHere, StringComparison.Ordinal), TimeSpan.FromSeconds(20), "the second silo to take over pulling");
        output.WriteLine($"the second silo pulled {(DateTime.UtcNow - stoppedAt).TotalSeconds:0.0} s after the first stopped");
    }

    private static List<DateTimeOffset> FinishedSweeps(HostProcess silo) =>
        [.. SweepFinished().Matches(silo.Output).Select(m => DateTimeOffset.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"Sweep of Cron rules for (\S+) finished")]
    private static partial Regex SweepFinished();
}
