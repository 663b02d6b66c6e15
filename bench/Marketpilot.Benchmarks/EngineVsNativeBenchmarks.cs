using BenchmarkDotNet.Attributes;
using Marketpilot.Scripting;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Benchmarks;

/// <summary>
/// Every sample rule (read from scripts/) through the sandboxed engine against the same logic as a native
/// C# lambda, 100,000 evaluations per invocation with the same per-evaluation set-up on both sides
/// (one reused <see cref="RuleGlobals"/>, reset per evaluation). The issue 10 target: the engine within
/// 1.5x of native for each rule.
/// </summary>
[MemoryDiagnoser]
public class EngineVsNativeBenchmarks
{
    private const int N = SyntheticShop.Count;

    private SkuCase[] _skus = [];
    private RuleGlobals _globals = null!;
    private Action<RuleGlobals> _native = null!;
    private CompiledRule _compiled = null!;

    public static IEnumerable<string> Rules => Scripts.All;

    [ParamsSource(nameof(Rules))]
    public string Rule { get; set; } = "min-margin";

    [Params("mixed", "no-action")]
    public string Path { get; set; } = "mixed";

    [GlobalSetup]
    public void Setup()
    {
        Thread.CurrentThread.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        Thread.CurrentThread.CurrentUICulture = System.Globalization.CultureInfo.InvariantCulture;
        var all = SyntheticShop.Skus;
        _native = NativeRules.For(Rule);
        _globals = RuleBenchmarks.NewGlobals(all[0]);
        (_compiled, var actions) = EngineRules.CompileMatching(Rule, _native, _globals);
        Console.WriteLine($"// {Rule}: {actions} actions on {all.Length} SKUs from both");
        _skus = Path == "mixed" ? all : RuleBenchmarks.Quiet(all, _native, _globals);
    }

    [GlobalCleanup]
    public void Cleanup() => _compiled.Unload();

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "native")]
    public int Native() => Evaluations.Native(_skus, _globals, _native);

    [Benchmark(OperationsPerInvoke = N, Description = "engine")]
    public int Engine() => Evaluations.Engine(_skus, _globals, _compiled);
}
