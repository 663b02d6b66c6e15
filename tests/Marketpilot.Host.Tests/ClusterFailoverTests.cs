using System.Text.RegularExpressions;
using Marketpilot.Host.Tests.Support;
using Marketpilot.Persistence.PostgreSql.Tests.Support;
using Xunit.Abstractions;

namespace Marketpilot.Host.Tests;

/// <summary>
/// What a cluster does once, not once per silo: pull a connector and sweep a scheduled rule. Three processes of the real
/// executable on a real PostgreSQL; the silo doing each is killed with SIGKILL (one kill when one silo does both) and a
/// survivor must take it over.
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
        await second.EventuallyAsync(() => second.Output.Contains("is pulled by silo", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the second silo to see the first one pulling");
        Assert.DoesNotContain(PullsHere, second.Output + third.Output);

        // The lease stays with the first silo, but the scheduler may move to a silo that joined: Orleans' default directory
        // hands entries to a joining silo after it serves, so a call from there can start a second activation and the
        // first is dropped. Whichever silo holds the schedule, and whichever pulls, is killed in turn.
        await first.EventuallyAsync(() => cluster.Silos.Count(HoldsTheSchedule) == 1, TakeOverDeadline, "one silo to hold the rule schedule and sweep the cron rule");
        List<HostProcess> live = [first, second, third];
        foreach (var busy in new[] { live.Single(HoldsTheSchedule), first }.Distinct())
        {
            var sweptBeforeKill = cluster.Silos.SelectMany(FinishedSweeps).Max();
            await busy.CrashAsync();
            var killedAt = DateTime.UtcNow;
            live.Remove(busy);

            await live[0].EventuallyAsync(() => live.Any(Pulls), TakeOverDeadline, "a survivor to pull the simulator");
            var syncAfter = DateTime.UtcNow - killedAt;
            await live[0].EventuallyAsync(() => live.SelectMany(FinishedSweeps).Any(at => at > sweptBeforeKill), TakeOverDeadline, "a survivor to sweep a minute after the kill");
            output.WriteLine($"silo {cluster.Silos.ToList().IndexOf(busy)} killed: a survivor pulled {syncAfter.TotalSeconds:0.0} s and the next cron sweep finished {(DateTime.UtcNow - killedAt).TotalSeconds:0.0} s after the kill");
            Assert.Single(live, Pulls);
        }

        var all = cluster.Silos.SelectMany(FinishedSweeps).ToList();
        Assert.Empty(all.GroupBy(at => at).Where(g => g.Count() > 1).Select(g => $"the sweep for {g.Key:o} finished {g.Count()} times"));
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

    private static bool Pulls(HostProcess silo) => silo.Output.Contains(PullsHere, StringComparison.Ordinal);

    /// <summary>Whether the scheduler's latest activation is on <paramref name="silo"/> and has finished a sweep there.</summary>
    private static bool HoldsTheSchedule(HostProcess silo)
    {
        var log = silo.Output;
        var activated = log.LastIndexOf("The rule schedule is active on silo", StringComparison.Ordinal);
        return activated >= 0 && log.LastIndexOf("The rule schedule left silo", StringComparison.Ordinal) < activated && SweepFinished().IsMatch(log, activated);
    }

    private static List<DateTimeOffset> FinishedSweeps(HostProcess silo) =>
        [.. SweepFinished().Matches(silo.Output).Select(m => DateTimeOffset.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"Sweep of Cron rules for (\S+) finished")]
    private static partial Regex SweepFinished();
}
