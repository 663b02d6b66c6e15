using System.Diagnostics;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;
using Marketpilot.Scripting.Tests.Support;
using Xunit.Abstractions;

namespace Marketpilot.Scripting.Tests;

public sealed class SweepTests(ITestOutputHelper output)
{
    // How fast is for bench/ (WorkerSweep, docs/performance.md), not for a timed test: this proves that every sample rule
    // runs over many SKUs in one reused set of globals without a failure, and prints what the sweep took.
    [Fact]
    public void FullSweepOfTheSampleRulesOverManySkusFiresAndNeverFails()
    {
        const int skuCount = 20_000;
        var rules = Directory.GetFiles(Repository.Scripts, "*.csx").Order(StringComparer.Ordinal)
            .Select(path => new RuleCompiler().Compile(path, File.ReadAllText(path)).Compiled!)
            .ToList();
        var history = Enumerable.Range(1, 30).Select(day => new DailyMetrics(Some.Day(1).AddDays(day - 30), 1000, 20 + day % 7, 3, day % 5, day % 11 == 0 ? 1 : 0)).ToList();
        var skus = Enumerable.Range(0, skuCount)
            .Select(i => Some.Sku($"S-{i}", Some.Day(22), price: 100m + i % 50, cost: 90m, stock: i % 40, clicks: 20, orders: 1) with { AvgDailyDemand = i % 4 })
            .ToList();
        var state = RuleState.New("sweep");
        var globals = new RuleGlobals(skus[0], history, [], state, Some.Now);

        // Warm up: let the JIT bring the rules and the engine to their optimised tier, as in a running silo.
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var sku in skus.Take(5_000))
            {
                foreach (var rule in rules)
                {
                    globals.Reset(sku, history, [], state, Some.Now);
                    rule.Evaluate(globals);
                }
            }
        }

        var fired = 0;
        var failed = 0;
        var stopwatch = Stopwatch.StartNew();
        foreach (var sku in skus)
        {
            foreach (var rule in rules)
            {
                globals.Reset(sku, history, [], state, Some.Now);
                var run = rule.Evaluate(globals);
                fired += run.Outcome == RuleOutcome.Fired ? 1 : 0;
                failed += run.Outcome is RuleOutcome.Failed or RuleOutcome.TimedOut ? 1 : 0;
            }
        }

        stopwatch.Stop();
        output.WriteLine($"{skuCount} SKUs x {rules.Count} rules: {stopwatch.Elapsed.TotalMilliseconds:0} ms ({stopwatch.Elapsed.TotalNanoseconds / (skuCount * rules.Count):0} ns per evaluation), {fired} fired");
        Assert.True(fired > 0);
        Assert.Equal(0, failed);
        var reset = Stopwatch.StartNew();
        foreach (var sku in skus)
        {
            foreach (var rule in rules)
            {
                globals.Reset(sku, history, [], state, Some.Now);
                _ = globals.Week;
            }
        }

        output.WriteLine($"of which resetting the globals and summing the windows: {reset.Elapsed.TotalMilliseconds:0} ms");
    }
}
