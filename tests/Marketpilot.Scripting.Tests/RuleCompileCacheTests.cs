using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Rules;
using Marketpilot.Scripting.Tests.Support;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Marketpilot.Scripting.Tests;

public sealed class RuleCompileCacheTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void SameSourceIsCompiledOncePerCompiler()
    {
        var compiler = new RuleCompiler();

        var first = compiler.Compile("a.csx", "SetPrice(Sku.Cost * 3);");
        var second = compiler.Compile("b.csx", "SetPrice(Sku.Cost * 3);");

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal("b", second.Rule.Id);
        Assert.Equal(new SetPrice(300m), Assert.Single(second.Compiled!.Evaluate(Some.Globals()).Actions));
    }

    [Fact]
    public void DiskCacheLetsANewProcessEvaluateWithoutRecompiling()
    {
        var options = Options.Create(new ScriptingOptions { CachePath = Path.Combine(_folder.Path, "rule-cache") });
        const string source = "var unused = 1;\nSetPrice(Sku.Cost * 4);";
        var compiled = new RuleCompiler(options).Compile("rules/r.csx", source);

        var restarted = new RuleCompiler(options).Compile("rules/r.csx", source);

        Assert.False(compiled.FromCache);
        Assert.True(restarted.FromCache);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_folder.Path, "rule-cache"), "*.dll"));
        Assert.Equal(compiled.Diagnostics, restarted.Diagnostics);
        Assert.Contains(restarted.Diagnostics, d => d is { Code: "CS0219", Line: 1, Path: "rules/r.csx" });
        Assert.Equal(new SetPrice(400m), Assert.Single(restarted.Compiled!.Evaluate(Some.Globals()).Actions));
    }

    [Fact]
    public void UnloadedRuleIsCollected()
    {
        var context = CompileEvaluateAndUnload("SetPrice(Sku.Cost + 1);\nforeach (var c in Campaigns.Where(c => c.Spend > 0)) Log(c.CampaignId);");

        for (var i = 0; i < 20 && context.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(context.IsAlive);
    }

    // How memory levels off over thousands of edits is measured by the benchmark (`edits`, docs/performance.md); this
    // test proves only that every edited version is unloaded and collected.
    [Fact]
    public void EveryEditedVersionOfARuleIsUnloadedAndCollected()
    {
        const int edits = 100;
        var compiler = new RuleCompiler();
        for (var i = 0; i < edits; i++)
        {
            EditAndUnload(compiler, i);
        }

        Settle();
        var contexts = AssemblyLoadContext.All.Count(c => c.Name?.StartsWith("rule edit ", StringComparison.Ordinal) == true);
        output.WriteLine($"{edits} edits; rule contexts alive {contexts}");
        Assert.True(contexts <= 5, $"{contexts} of {edits} edited rule contexts still alive");
    }

    [Fact]
    public void EvaluationThatProposesNothingAllocatesNothing()
    {
        var rules = Directory.GetFiles(Repository.Scripts, "*.csx").Select(path => new RuleCompiler().Compile(path, File.ReadAllText(path)).Compiled!).ToList();
        var globals = new RuleGlobals(Some.Sku(price: 200m, cost: 100m, stock: 50), [], [], RuleState.New("quiet"), Some.Now);
        foreach (var rule in rules)
        {
            Assert.Equal(RuleOutcome.NoAction, rule.Evaluate(globals).Outcome);
        }

        var allocations = new List<string>();
        foreach (var rule in rules)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1000; i++)
            {
                rule.Evaluate(globals);
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated > 0)
            {
                allocations.Add($"{rule.Rule.Id}: {allocated / 1000} bytes per evaluation");
            }
        }

        Assert.Empty(allocations);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference CompileEvaluateAndUnload(string source)
    {
        var rule = Some.Rule(source);
        Assert.Equal(RuleOutcome.Fired, rule.Evaluate(Some.Globals()).Outcome);
        var context = new WeakReference(rule.LoadContext);
        rule.Unload();
        return context;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void EditAndUnload(RuleCompiler compiler, int edit)
    {
        var compilation = compiler.Compile($"edit.csx", $"// edit {edit}\nif (Sku.Cost > {edit}) SetPrice(Sku.Cost + {edit});");
        var rule = compilation.Compiled!;
        Assert.Equal(RuleOutcome.Fired, rule.Evaluate(Some.Globals(Some.Sku(cost: 5000m))).Outcome);
        rule.Unload();
    }

    private static void Settle()
    {
        for (var i = 0; i < 5; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }
}
