using Marketpilot.Scripting.Tests.Support;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting.Tests.Workers;

public sealed class WorkerConfinementTests
{
    private const string Secret = "MARKETPILOT_TEST_SECRET";

    [Fact]
    public async Task AnUncheckedRuleInAConfinedWorkerReachesNeitherTheHostsFilesNorItsSecrets()
    {
        WorkerPools.RequireBubblewrap();
        using var host = new TempFolder();
        var data = Directory.CreateDirectory(Path.Combine(host.Path, "data")).FullName;
        var database = Path.Combine(data, "marketpilot.db");
        File.WriteAllText(database, "the sellers' data");
        var written = Path.Combine(data, "written-by-rule.txt");
        Environment.SetEnvironmentVariable(Secret, "s3cr3t");
        await using var pool = WorkerPools.Create(o =>
        {
            o.Isolation = Scripting.Workers.RuleIsolation.Confined;
            o.WorkerConcealedPaths.Add(data);
        });
        var rule = WorkerPools.Unchecked($$"""
            Log("secret=" + (System.Environment.GetEnvironmentVariable("{{Secret}}") ?? "none"));
            Log("variables=" + System.Environment.GetEnvironmentVariables().Count);
            try { System.IO.File.WriteAllText("{{written}}", "escaped"); Log("wrote"); } catch (System.Exception e) { Log("write refused: " + e.GetType().Name); }
            try { Log("read=" + System.IO.File.ReadAllText("{{database}}")); } catch (System.Exception e) { Log("read refused: " + e.GetType().Name); }
            try { System.IO.File.WriteAllText("{{Path.Combine(Repository.Scripts, "planted.csx")}}", "x"); Log("planted"); } catch (System.Exception e) { Log("plant refused: " + e.GetType().Name); }
            """);

        var run = await pool.EvaluateAsync(rule, Some.Globals());

        Assert.True(pool.Confined);
        Assert.Equal(RuleOutcome.NoAction, run.Outcome);
        Assert.Contains("secret=none", run.Messages);
        Assert.DoesNotContain(run.Messages, m => m.Contains("s3cr3t", StringComparison.Ordinal) || m is "planted" || m.StartsWith("read=", StringComparison.Ordinal));
        Assert.False(File.Exists(written));
        Assert.False(File.Exists(Path.Combine(Repository.Scripts, "planted.csx")));
    }

    [Fact]
    public async Task AConfinedWorkerHasNoNetwork()
    {
        WorkerPools.RequireBubblewrap();
        await using var pool = WorkerPools.Create(o => o.Isolation = Scripting.Workers.RuleIsolation.Confined);
        var rule = WorkerPools.Unchecked("""
            Log("interfaces=" + string.Join(",", System.IO.File.ReadAllLines("/proc/net/dev").Skip(2).Select(line => line.Split(':')[0].Trim()).Order()));
            """);

        var run = await pool.EvaluateAsync(rule, Some.Globals());

        Assert.Equal("interfaces=lo", Assert.Single(run.Messages));
    }
}
