using System.Globalization;
using Marketpilot.Scripting;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Benchmarks;

/// <summary>
/// The issue 10 comparison of <see cref="EngineVsNativeBenchmarks"/> (every sample rule, the sandboxed engine against the
/// same logic as native C#, 100,000 evaluations a pass, the same per-evaluation set-up on both sides), timed by the
/// thread's own CPU clock and alternating native and engine passes: on a machine other work shares, a pass that lost
/// its core loses no CPU time, and a slow minute slows both sides. Reports the median and the fastest pass of each side.
/// </summary>
public static class EngineVsNativeCpu
{
    private const int WarmUpPasses = 5;

    public static void Run(IReadOnlyList<string> rules, int passes)
    {
        Console.WriteLine($"{"rule",-28} {"path",-9} {"native ns",10} {"engine ns",10} {"ratio",6} {"fastest: native",16} {"engine",8} {"ratio",6}");
        foreach (var rule in rules)
        {
            var native = NativeRules.For(rule);
            var all = SyntheticShop.Skus;
            var globals = RuleBenchmarks.NewGlobals(all[0]);
            var (compiled, _) = EngineRules.CompileMatching(rule, native, globals);

            foreach (var path in new[] { "mixed", "no-action" })
            {
                var skus = path == "mixed" ? all : RuleBenchmarks.Quiet(all, native, globals);
                var (nativeTimes, engineTimes) = Alternate(skus, globals, native, compiled, passes);

                var (nativeMedian, engineMedian) = (Median(nativeTimes), Median(engineTimes));
                var (nativeMin, engineMin) = (nativeTimes.Min(), engineTimes.Min());
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{rule,-28} {path,-9} {nativeMedian,10:0.0} {engineMedian,10:0.0} {engineMedian / nativeMedian,6:0.00} {nativeMin,16:0.0} {engineMin,8:0.0} {engineMin / nativeMin,6:0.00}"));
            }

            compiled.Unload();
        }
    }

    /// <summary>
    /// The engine's fixed cost per evaluation: a rule that reads one property and proposes nothing, against the same
    /// native lambda, on one SKU whose data stays in cache, so that what is left of the difference is the engine's own work
    /// around the rule (admission, the budget meter, the culture, the call into the script, the result).
    /// </summary>
    public static void RunFixedCost(int passes)
    {
        var sku = SyntheticShop.Skus.Take(1).ToArray();
        var skus = Enumerable.Repeat(sku[0], SyntheticShop.Count).ToArray();
        var globals = RuleBenchmarks.NewGlobals(sku[0]);
        Action<RuleGlobals> native = g =>
        {
            if (g.Sku.Stock < 0)
            {
                g.Log("negative stock");
            }
        };
        var compiled = EngineRules.CompileSource("fixed-cost", "if (Sku.Stock < 0) Log(\"negative stock\");");
        // The engine as a run of evaluations uses it (one scope for the pass), and one evaluation on its own (a scope each).
        var times = Alternate(
            skus.Length,
            passes,
            () => Evaluations.Native(skus, globals, native),
            () => Evaluations.Engine(skus, globals, compiled),
            () => Evaluations.EngineOneByOne(skus, globals, compiled));
        compiled.Unload();
        var (nativeTimes, engineTimes, oneByOneTimes) = (times[0], times[1], times[2]);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"one SKU in cache, {passes} passes of {skus.Length:N0}: native median {Median(nativeTimes):0.0} ns (fastest {nativeTimes.Min():0.0}), engine median {Median(engineTimes):0.0} ns (fastest {engineTimes.Min():0.0}); fixed cost {Median(engineTimes) - Median(nativeTimes):0.0} ns (fastest passes {engineTimes.Min() - nativeTimes.Min():0.0} ns)"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"each evaluation in a scope of its own: engine median {Median(oneByOneTimes):0.0} ns (fastest {oneByOneTimes.Min():0.0}); fixed cost {Median(oneByOneTimes) - Median(nativeTimes):0.0} ns (fastest passes {oneByOneTimes.Min() - nativeTimes.Min():0.0} ns)"));
    }

    // Native and engine passes alternated, so a slow minute slows both; the warm-up passes are not kept.
    private static (List<double> Native, List<double> Engine) Alternate(SkuCase[] skus, RuleGlobals globals, Action<RuleGlobals> native, CompiledRule compiled, int passes)
    {
        var times = Alternate(skus.Length, passes, () => Evaluations.Native(skus, globals, native), () => Evaluations.Engine(skus, globals, compiled));
        return (times[0], times[1]);
    }

    // Each pass runs every side once, in turn; the times are per evaluation.
    private static List<double>[] Alternate(int evaluations, int passes, params Func<int>[] sides)
    {
        var times = sides.Select(_ => new List<double>()).ToArray();
        for (var pass = 0; pass < WarmUpPasses + passes; pass++)
        {
            for (var side = 0; side < sides.Length; side++)
            {
                var ns = Time(sides[side], evaluations);
                if (pass >= WarmUpPasses)
                {
                    times[side].Add(ns);
                }
            }
        }

        return times;
    }

    private static double Time(Func<int> pass, int evaluations)
    {
        var start = ThreadCpu.Nanoseconds();
        GC.KeepAlive(pass());
        return (double)(ThreadCpu.Nanoseconds() - start) / evaluations;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
