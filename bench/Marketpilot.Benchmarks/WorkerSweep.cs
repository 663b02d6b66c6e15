using System.Diagnostics;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Workers;
using Marketpilot.Sdk.Rules;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketpilot.Benchmarks;

/// <summary>
/// The sample rules over the synthetic shop through rule workers (the real executable's <c>rules worker</c>, under
/// bubblewrap where it works), against the same sweep in-process; and the added latency of one evaluation.
/// </summary>
public static class WorkerSweep
{
    // Evaluations in flight at once, as a sweep's concurrent grains would have them.
    private const int Window = 4_096;
    private const int WarmupPasses = 2;
    private const int MeasuredPasses = 5;

    public static async Task RunAsync(string hostDll, int skuCount, int? batchSize)
    {
        var options = new ScriptingOptions
        {
            ScriptsPath = Path.Combine(AppContext.BaseDirectory, "scripts"),
            WorkerCommand = ["dotnet", hostDll, .. RuleWorkerLauncher.WorkerVerb],
        };
        options.WorkerBatchSize = batchSize ?? options.WorkerBatchSize;
        await using var pool = new RuleWorkerPool(Options.Create(options), NullLogger<RuleWorkerPool>.Instance);
        var compiler = new RuleCompiler();
        var rules = new List<CompiledRule>();
        foreach (var rule in Scripts.All)
        {
            rules.Add((await pool.CompileFileAsync(Scripts.PathOf(rule), compiler)).Compiled ?? throw new InvalidOperationException(rule));
        }

        var skus = SyntheticShop.Skus.Take(skuCount).ToArray();
        var inProcess = Scripts.All.Select(EngineRules.Compile).ToArray();
        Console.WriteLine($"workers: {options.WorkerCount} (confined: {pool.Confined}), batch size {options.WorkerBatchSize}, window {Window}");

        // Both sides are measured warm and the same way: passes alternate, the first ones (tiering, the workers'
        // first use of each rule) are not counted, and the medians are compared. The in-process pass is one thread.
        var local = new List<double>();
        var remote = new List<double>();
        var hostCpu = new List<double>();
        var workerCpu = new List<double>();
        var actions = 0L;
        var batchesBefore = 0L;
        for (var pass = 0; pass < WarmupPasses + MeasuredPasses; pass++)
        {
            var stopwatch = Stopwatch.StartNew();
            foreach (var s in skus)
            {
                // A SKU's round, as the host runs it in process: one scope for its rules.
                using var scope = RuleEvaluationScope.Enter();
                foreach (var rule in inProcess)
                {
                    rule.Evaluate(RuleBenchmarks.NewGlobals(s), rule.Limits, scope);
                }
            }

            var localMs = stopwatch.Elapsed.TotalMilliseconds;
            batchesBefore = pool.BatchesSent;
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var workersBefore = ProcessCpu.Of(Environment.ProcessId).Descendants;
            stopwatch.Restart();
            actions = await SweepAsync(pool, rules, skus);
            var remoteMs = stopwatch.Elapsed.TotalMilliseconds;
            var cpuMs = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds;
            // Read from /proc over the workers alive at the end: a worker replaced during the pass shows as a figure far too low.
            var workersMs = (ProcessCpu.Of(Environment.ProcessId).Descendants - workersBefore) * 1000;
            Console.WriteLine($"pass {pass + 1}{(pass < WarmupPasses ? " (warm-up)" : "")}: in-process {localMs:F0} ms, through workers {remoteMs:F0} ms (CPU: host {cpuMs:F0} ms, workers {workersMs:F0} ms)");
            if (pass >= WarmupPasses)
            {
                local.Add(localMs);
                remote.Add(remoteMs);
                hostCpu.Add(cpuMs);
                workerCpu.Add(workersMs);
            }
        }

        var evaluations = (long)skus.Length * rules.Count;
        var (localMedian, remoteMedian) = (Median(local), Median(remote));
        Console.WriteLine($"sweep in-process (one thread, median of {MeasuredPasses} warm passes): {skus.Length:N0} SKUs x {rules.Count} rules in {localMedian:F0} ms ({localMedian * 1e6 / evaluations:F0} ns per evaluation; range {local.Min():F0}-{local.Max():F0} ms)");
        Console.WriteLine($"sweep through workers (median of {MeasuredPasses} warm passes): {remoteMedian:F0} ms ({remoteMedian * 1e6 / evaluations:F0} ns per evaluation; range {remote.Min():F0}-{remote.Max():F0} ms; CPU medians: host {Median(hostCpu):F0} ms, workers {Median(workerCpu):F0} ms), {pool.BatchesSent - batchesBefore:N0} messages, {actions:N0} actions; {remoteMedian / localMedian:F1}x in-process");

        var latencies = new List<double>();
        var timer = new Stopwatch();
        for (var i = 0; i < 1_000; i++)
        {
            timer.Restart();
            await pool.EvaluateAsync(rules[0], RuleBenchmarks.NewGlobals(skus[i % skus.Length]));
            latencies.Add(timer.Elapsed.TotalMicroseconds);
        }

        latencies.Sort();
        Console.WriteLine($"one data-change evaluation through a worker (1,000 in a row): p50 {latencies[500]:F0} us, p99 {latencies[990]:F0} us");

        latencies.Clear();
        for (var i = 0; i < 1_000; i++)
        {
            timer.Restart();
            var sku = skus[i % skus.Length];
            await pool.EvaluateAllAsync([.. rules.Select(rule => new WorkerEvaluation(rule, RuleBenchmarks.NewGlobals(sku), rule.Limits))]);
            latencies.Add(timer.Elapsed.TotalMicroseconds);
        }

        latencies.Sort();
        Console.WriteLine($"one round of all {rules.Count} rules on a SKU through a worker (1,000 in a row): p50 {latencies[500]:F0} us, p99 {latencies[990]:F0} us");
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task<long> SweepAsync(RuleWorkerPool pool, List<CompiledRule> rules, SkuCase[] skus)
    {
        var actions = 0L;
        foreach (var chunk in skus.Chunk(Window / rules.Count))
        {
            // One round of every rule per SKU, as a SKU's grain sends it.
            var rounds = await Task.WhenAll(chunk.Select(s => pool.EvaluateAllAsync([.. rules.Select(rule => new WorkerEvaluation(rule, RuleBenchmarks.NewGlobals(s), rule.Limits))])));
            foreach (var run in rounds.SelectMany(r => r))
            {
                if (run.Outcome is RuleOutcome.Failed or RuleOutcome.TimedOut)
                {
                    throw new InvalidOperationException($"{run.Rule.Id}: {run.Outcome} {run.Error}");
                }

                actions += run.Actions.Count;
            }
        }

        return actions;
    }
}
