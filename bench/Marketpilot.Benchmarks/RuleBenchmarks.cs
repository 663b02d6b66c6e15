using BenchmarkDotNet.Attributes;
using Marketpilot.Scripting;
using Marketpilot.Sdk.Rules;
using Microsoft.CodeAnalysis.Scripting;

namespace Marketpilot.Benchmarks;

/// <summary>
/// One rule evaluated on 100,000 SKUs per invocation, in five ways. Results are per evaluation
/// (OperationsPerInvoke). <c>mixed</c> is the whole synthetic shop; <c>no-action</c> is 100,000
/// evaluations cycling over the SKUs on which the rule proposes nothing.
/// </summary>
[MemoryDiagnoser]
public class RuleBenchmarks
{
    private const int N = SyntheticShop.Count;

    private SkuCase[] _skus = [];
    private RuleGlobals _globals = null!;
    private Action<RuleGlobals> _native = null!;
    private ScriptRunner<object> _plain = null!;
    private CompiledRule _compiled = null!;
    private JintRules _jint = null!;
    private RulesEngineRules _rulesEngine = null!;

    [Params("min-margin", "stock-guard")]
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
        _globals = NewGlobals(all[0]);
        _skus = Path == "mixed" ? all : Quiet(all, _native, _globals);
        _plain = PlainScripts.Create(Rule);
        _compiled = EngineRules.Compile(Rule);
        _jint = new JintRules(Rule);
        _rulesEngine = new RulesEngineRules(Rule);
        CheckSameActions(all);
    }

    [GlobalCleanup]
    public void Cleanup() => _compiled.Unload();

    [Benchmark(Baseline = true, OperationsPerInvoke = N, Description = "1 native lambda")]
    public int Native() => Evaluations.Native(_skus, _globals, _native);

    [Benchmark(OperationsPerInvoke = N, Description = "2 CSharpScript delegate")]
    public int CSharpScriptDelegate()
    {
        var fired = 0;
        foreach (var s in _skus)
        {
            _globals.Reset(s.Sku, s.History, s.Campaigns, s.State, SyntheticShop.Now);
            _plain(_globals).GetAwaiter().GetResult();
            fired += _globals.Actions.Count;
        }

        return fired;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "3 Marketpilot engine")]
    public int Engine() => Evaluations.Engine(_skus, _globals, _compiled);

    [Benchmark(OperationsPerInvoke = N, Description = "4 Jint (constrained)")]
    public int Jint()
    {
        var fired = 0;
        foreach (var s in _skus)
        {
            _globals.Reset(s.Sku, s.History, s.Campaigns, s.State, SyntheticShop.Now);
            _jint.Evaluate(_globals);
            fired += _globals.Actions.Count;
        }

        return fired;
    }

    [Benchmark(OperationsPerInvoke = N, Description = "5 RulesEngine")]
    public int RulesEngine()
    {
        var fired = 0;
        foreach (var s in _skus)
        {
            _globals.Reset(s.Sku, s.History, s.Campaigns, s.State, SyntheticShop.Now);
            _rulesEngine.Evaluate(_globals);
            fired += _globals.Actions.Count;
        }

        return fired;
    }

    public static RuleGlobals NewGlobals(SkuCase s) => new(s.Sku, s.History, s.Campaigns, s.State, SyntheticShop.Now);

    // 100,000 evaluations cycling over the SKUs on which the rule proposes nothing.
    public static SkuCase[] Quiet(SkuCase[] all, Action<RuleGlobals> native, RuleGlobals globals)
    {
        var quiet = all.Where(s =>
        {
            globals.Reset(s.Sku, s.History, s.Campaigns, s.State, SyntheticShop.Now);
            native(globals);
            return globals.Actions.Count == 0;
        }).ToArray();
        return [.. Enumerable.Range(0, N).Select(i => quiet[i % quiet.Length])];
    }

    // Every variant must propose the same number of actions on the whole shop, or the comparison is void.
    private void CheckSameActions(SkuCase[] all)
    {
        var skus = _skus;
        _skus = all;
        int[] counts = [Native(), CSharpScriptDelegate(), Engine(), Jint(), RulesEngine()];
        _skus = skus;
        Console.WriteLine($"// {Rule}: actions proposed on {all.Length} SKUs by native/script/engine/jint/rulesengine: {string.Join('/', counts)}");
        if (counts.Distinct().Count() != 1)
        {
            throw new InvalidOperationException($"{Rule}: the variants disagree: {string.Join('/', counts)}");
        }
    }
}
