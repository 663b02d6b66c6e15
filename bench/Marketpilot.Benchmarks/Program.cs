using System.Diagnostics;
using System.Globalization;
using System.Runtime.Loader;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Marketpilot.Benchmarks;
using Marketpilot.Scripting;
using Marketpilot.Sdk.Rules;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
Thread.CurrentThread.CurrentCulture = CultureInfo.InvariantCulture;
Thread.CurrentThread.CurrentUICulture = CultureInfo.InvariantCulture;

switch (args.FirstOrDefault())
{
    case "sweep":
        Sweep();
        return 0;
    case "workers":
        // dotnet run -c Release --project bench/Marketpilot.Benchmarks -- workers <path to marketpilot.dll> [SKUs] [evaluations per message]
        await WorkerSweep.RunAsync(
            Path.GetFullPath(args[1]),
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : SyntheticShop.Count,
            args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : null);
        return 0;
    case "load":
        // dotnet run -c Release --project bench/Marketpilot.Benchmarks -- load <path to marketpilot.dll> [--skus 1000,10000,100000] [--clients 8] [--seconds 30]
        await LoadDriver.RunAsync(LoadSettings.Parse(args[1..]));
        return 0;
    case "memory":
        // dotnet run -c Release --project bench/Marketpilot.Benchmarks -- memory <path to marketpilot.dll> [--skus 1000000] [--step 100000] [--history-skus 10000] [--days 30]
        await MemoryProbe.RunAsync(args[1..]);
        return 0;
    case "store":
        // dotnet run -c Release --project bench/Marketpilot.Benchmarks -- store [writers] [seconds]
        await StoreBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 256, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10);
        return 0;
    case "rules-cpu":
        // dotnet run -c Release --project bench/Marketpilot.Benchmarks -- rules-cpu [passes] [rule,rule,...]: every sample rule by default
        EngineVsNativeCpu.Run(
            args.Length > 2 ? args[2].Split(',') : Scripts.All,
            args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 21);
        return 0;
    case "fixed-cost":
        // dotnet run -c Release --project bench/Marketpilot.Benchmarks -- fixed-cost [passes]: the engine's own cost per evaluation
        EngineVsNativeCpu.RunFixedCost(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 35);
        return 0;
    case "compile":
        CompileTimes();
        return 0;
    case "check":
        CheckTimes.Run();
        return 0;
    case "edits":
        Edits(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000);
        return 0;
    default:
        // In-process: the benchmark process is this one (no generated project to build under the repo's
        // Directory.Build.props). The short job is the default here; reports go to bin/…/BenchmarkDotNet.Artifacts.
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).AsDefault())
            .WithOptions(ConfigOptions.JoinSummary)
            .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
        BenchmarkSwitcher.FromAssembly(typeof(RuleBenchmarks).Assembly).Run(args, config);
        return 0;
}

// All 7 sample rules over the 100,000 SKUs through the engine, on this one thread: best of 5 after a warm-up pass.
static void Sweep()
{
    var skus = SyntheticShop.Skus;
    var rules = Scripts.All.Select(EngineRules.Compile).ToArray();
    var globals = RuleRunnerGlobals(skus[0]);
    var fired = new int[rules.Length];

    long Pass()
    {
        var actions = 0L;
        foreach (var s in skus)
        {
            // A SKU's round, as the host runs it: one scope for its rules.
            using var scope = RuleEvaluationScope.Enter();
            for (var r = 0; r < rules.Length; r++)
            {
                globals.Reset(s.Sku, s.History, s.Campaigns, s.State, SyntheticShop.Now);
                var run = rules[r].Evaluate(globals, rules[r].Limits, scope);
                actions += run.Actions.Count;
                if (run.Outcome is RuleOutcome.Fired)
                {
                    fired[r]++;
                }
                else if (run.Outcome is not RuleOutcome.NoAction)
                {
                    throw new InvalidOperationException($"{rules[r].Rule.Id} on {s.Sku.Sku}: {run.Outcome} {run.Error}");
                }
            }
        }

        return actions;
    }

    var proposed = Pass();
    Console.WriteLine($"warm-up pass: {skus.Length:N0} SKUs x {rules.Length} rules, {proposed:N0} actions proposed");
    Console.WriteLine("fired per rule (one pass): " + string.Join(", ", rules.Select((r, i) => $"{r.Rule.Id} {fired[i]:N0}")));
    var times = new List<double>();
    for (var i = 0; i < 5; i++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        Pass();
        stopwatch.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        times.Add(stopwatch.Elapsed.TotalMilliseconds);
        Console.WriteLine($"pass {i + 1}: {stopwatch.Elapsed.TotalMilliseconds:F1} ms, {allocated / 1024.0 / 1024.0:F1} MB allocated");
    }

    var best = times.Min();
    Console.WriteLine($"sweep: {skus.Length:N0} SKUs x {rules.Length} rules = {skus.Length * rules.Length:N0} evaluations; best of 5: {best:F1} ms ({best * 1e6 / (skus.Length * rules.Length):F0} ns per evaluation); median {times.Order().ElementAt(2):F1} ms");
}

static RuleGlobals RuleRunnerGlobals(SkuCase s) => RuleBenchmarks.NewGlobals(s);

// Cold: the first compilation in this process (Roslyn loaded and jitted). Warm: later compilations of new text (no cache hit), and a cache hit.
static void CompileTimes()
{
    var compiler = new RuleCompiler();
    foreach (var rule in new[] { "min-margin", "stock-guard" })
    {
        var source = Scripts.Read(rule);
        var stopwatch = Stopwatch.StartNew();
        var first = compiler.Compile(rule + ".csx", source);
        var cold = stopwatch.Elapsed.TotalMilliseconds;
        first.Compiled!.Unload();
        var warm = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            stopwatch.Restart();
            var next = compiler.Compile(rule + ".csx", source + $"\n// edit {i}");
            warm.Add(stopwatch.Elapsed.TotalMilliseconds);
            next.Compiled!.Unload();
        }

        stopwatch.Restart();
        var hit = compiler.Compile(rule + ".csx", source);
        var cached = stopwatch.Elapsed.TotalMilliseconds;
        hit.Compiled!.Unload();
        Console.WriteLine($"compile {rule}: {(rule == "min-margin" ? "cold (first in process)" : "first of this rule (Roslyn already warm)")} {cold:F1} ms; warm, new text: median {warm.Order().ElementAt(10):F1} ms, min {warm.Min():F1} ms, max {warm.Max():F1} ms (20 edits); memory-cache hit {cached:F2} ms");
    }

    stopwatch2();

    static void stopwatch2()
    {
        var stopwatch = Stopwatch.StartNew();
        var options = PlainScripts.Create("min-margin");
        Console.WriteLine($"for comparison, CSharpScript.Create + CreateDelegate of min-margin (Roslyn warm): {stopwatch.Elapsed.TotalMilliseconds:F1} ms");
        GC.KeepAlive(options);
    }
}

// Recompile a rule N times with new text each time, unloading the previous version as RuleCatalog does.
static void Edits(int count)
{
    var compiler = new RuleCompiler();
    var source = Scripts.Read("min-margin");
    var skus = SyntheticShop.Skus;
    var globals = RuleRunnerGlobals(skus[0]);
    var current = compiler.Compile("min-margin.csx", source).Compiled!;
    Evaluate(current);

    void Evaluate(CompiledRule rule)
    {
        for (var i = 0; i < 100; i++)
        {
            var s = skus[i];
            globals.Reset(s.Sku, s.History, s.Campaigns, s.State, SyntheticShop.Now);
            rule.Evaluate(globals);
        }
    }

    static (long Heap, long WorkingSet, int Contexts) Measure()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64, AssemblyLoadContext.All.Count(c => c.Name?.StartsWith("rule ", StringComparison.Ordinal) == true));
    }

    static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " MB";
    var before = Measure();
    var stopwatch = Stopwatch.StartNew();
    var measuring = TimeSpan.Zero;
    for (var i = 0; i < count; i++)
    {
        var next = compiler.Compile("min-margin.csx", source + $"\n// edit {i}").Compiled!;
        Evaluate(next);
        current.Unload();
        current = next;
        if ((i + 1) % 250 == 0 && i + 1 < count)
        {
            // Whether memory levels off: the heap and working set along the way, outside the timing.
            var pause = Stopwatch.StartNew();
            var (heap, workingSet, contexts) = Measure();
            Console.WriteLine($"after {i + 1,5:N0} edits: managed heap {Mb(heap)}, working set {Mb(workingSet)}, rule contexts alive {contexts}");
            measuring += pause.Elapsed;
        }
    }

    var elapsed = stopwatch.Elapsed - measuring;
    var after = Measure();
    GC.KeepAlive(current);
    Console.WriteLine($"edits: {count:N0} recompilations of min-margin in {elapsed.TotalSeconds:F1} s ({elapsed.TotalMilliseconds / count:F1} ms each), each evaluated on 100 SKUs, previous version unloaded");
    Console.WriteLine($"managed heap: before {Mb(before.Heap)}, after {Mb(after.Heap)} (+{Mb(after.Heap - before.Heap)})");
    Console.WriteLine($"working set:  before {Mb(before.WorkingSet)}, after {Mb(after.WorkingSet)} (+{Mb(after.WorkingSet - before.WorkingSet)})");
    Console.WriteLine($"rule load contexts alive: before {before.Contexts}, after {after.Contexts}");
}
