using System.Diagnostics;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Rules;
using Marketpilot.Scripting.Tests.Support;

namespace Marketpilot.Scripting.Tests.Hostile;

public sealed class HostileScriptTests
{
    private static readonly RuleLimits Limits = RuleLimits.Default with { Timeout = TimeSpan.FromSeconds(5) };
    private static readonly CompiledRule Benign = Some.Rule("if (Sku.Cost > 0) SetPrice(Sku.Cost * 2, \"double\");", "benign.csx");

    public static TheoryData<string, string, string, string> Refused() => HostileScripts.Refused();

    public static TheoryData<string, string, string> Stopped() => HostileScripts.Stopped();

    public static TheoryData<string, string, string> Slow() => HostileScripts.Slow();

    [Fact]
    public void SuiteHasAtLeastFortyHostileScripts() =>
        Assert.True(Refused().Count + Stopped().Count >= 40);

    [Theory]
    [MemberData(nameof(Refused))]
    public void HostileScriptIsRefusedWithAClearDiagnostic(string name, string source, string code, string message)
    {
        var compilation = new RuleCompiler().Compile(name + ".csx", source);

        Assert.Null(compilation.Compiled);
        var errors = compilation.Diagnostics.Where(d => d.IsError).ToList();
        Assert.True(
            errors.Any(d => d.Code == code && d.Message.Contains(message, StringComparison.Ordinal)),
            $"expected {code} '{message}', got:\n{string.Join('\n', compilation.Diagnostics)}");
        Assert.All(errors, d => Assert.True(d.Line >= 1 && d.Column >= 1));
        BenignRuleStillEvaluates();
    }

    [Theory]
    [MemberData(nameof(Stopped))]
    public void HostileScriptIsStoppedWithinItsBudget(string name, string source, string reason)
    {
        var rule = Some.Rule(source, name + ".csx");
        var stopwatch = Stopwatch.StartNew();

        var run = rule.Evaluate(Some.Globals(), Limits);

        Assert.True(run.Outcome == RuleOutcome.TimedOut, $"{run.Outcome}: {run.Error}");
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Actions);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        BenignRuleStillEvaluates();
    }

    [Theory]
    [MemberData(nameof(Slow))]
    public void SlowHostileScriptIsStoppedByTheClock(string name, string source, string reason)
    {
        var rule = Some.Rule(source, name + ".csx");
        var stopwatch = Stopwatch.StartNew();

        var run = rule.Evaluate(Some.Globals(), RuleLimits.Default);

        Assert.True(run.Outcome == RuleOutcome.TimedOut, $"{run.Outcome}: {run.Error}");
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        BenignRuleStillEvaluates();
    }

    [Fact]
    public void WallClockBudgetStopsARuleThatHasStepsToSpare()
    {
        var rule = Some.Rule("var end = DateTime.UtcNow.AddMinutes(5);\nwhile (DateTime.UtcNow < end) { }");

        var run = rule.Evaluate(Some.Globals(), RuleLimits.Default with { MaxSteps = long.MaxValue / 2, Timeout = TimeSpan.FromMilliseconds(200) });

        Assert.Equal(RuleOutcome.TimedOut, run.Outcome);
        Assert.Equal("stopped after 200 ms", run.Error);
    }

    [Fact]
    public void RecursionOnAThreadWithLessStackThanTheBudgetIsStoppedByTheStackTheThreadHasLeft()
    {
        // The meter allows 512 KiB of stack below the frame that armed it. On a thread of 256 KiB that limit is past the end
        // of the stack, so only the check of what the thread has left stands between this recursion and the end of the
        // process. Depth and steps to spare, so neither stops it first.
        var rule = Some.Rule("int Down(int n) => Down(n + 1) + 1;\nDown(0);");
        var limits = Limits with { MaxDepth = 1_000_000, MaxSteps = long.MaxValue / 2 };
        RuleRun? run = null;

        var thread = new Thread(() => run = rule.Evaluate(Some.Globals(), limits), maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.NotNull(run);
        Assert.Equal(RuleOutcome.TimedOut, run.Outcome);
        Assert.Contains("of stack", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void StoppedRuleStaysStoppedInsideItsOwnCatchAndFinally()
    {
        var rule = Some.Rule("try { while (true) { } } catch { SetPrice(1m); } finally { SetPrice(2m); }\nSetPrice(3m);");

        var run = rule.Evaluate(Some.Globals(), Limits);

        Assert.Equal(RuleOutcome.TimedOut, run.Outcome);
        Assert.Empty(run.Actions);
    }

    [Fact]
    public void EveryEvaluationStartsClean()
    {
        var rule = Some.Rule("var count = 0;\nvar seen = new List<string>();\ncount++;\nseen.Add(Sku.Sku);\nNotify(\"x\", $\"{count} {string.Join(\",\", seen)}\");");

        var first = rule.Evaluate(Some.Globals(Some.Sku("A-1")));
        var second = rule.Evaluate(Some.Globals(Some.Sku("B-2")));

        Assert.Equal(new Notify("x", "1 A-1"), Assert.Single(first.Actions));
        Assert.Equal(new Notify("x", "1 B-2"), Assert.Single(second.Actions));
    }

    [Fact]
    public void BudgetIsPerEvaluationNotPerCall()
    {
        // 600,000 steps per evaluation: each evaluation passes; the budget does not accumulate across them.
        var rule = Some.Rule("long n = 0;\nfor (var i = 0; i < 600_000; i++) n++;\nNotify(\"x\", n.ToString());");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(RuleOutcome.Fired, rule.Evaluate(Some.Globals()).Outcome);
        }
    }

    [Fact]
    public void ModestRecursionAndLinqStayWithinTheirBudgets()
    {
        var rule = Some.Rule("long Fib(int n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);\nvar squares = Enumerable.Range(1, 100).Select(i => i * i).Where(i => i % 2 == 0).Sum();\nNotify(\"x\", $\"{Fib(20)} {squares}\");");

        var run = rule.Evaluate(Some.Globals());

        Assert.True(run.Outcome == RuleOutcome.Fired, run.Error);
        Assert.Equal(new Notify("x", "6765 171700"), Assert.Single(run.Actions));
    }

    [Fact]
    public void BudgetedStringHelpersBehaveLikeTheLibrary()
    {
        var rule = Some.Rule("var parts = new[] { \"a\", \"b\", \"c\" };\nNotify(string.Join(\", \", parts), string.Concat(parts.Select(p => p.ToUpperInvariant())) + \"|\" + \"a-a\".Replace(\"-\", \"--\") + \"|\" + string.Join('/', new List<int> { 1, 2 }) + $\"|{string.Join(\"+\", Enumerable.Range(1, 2))}|{Enumerable.Range(0, 3).Select(i => i * 2).Sum()}\");");

        var run = rule.Evaluate(Some.Globals());

        Assert.True(run.Outcome == RuleOutcome.Fired, run.Error);
        Assert.Equal(new Notify("a, b, c", "ABC|a--a|1/2|1+2|6"), Assert.Single(run.Actions));
    }

    [Fact]
    public void RuntimeErrorKeepsTheScriptLineAfterInstrumentation()
    {
        var rule = Some.Rule("var items = new List<int>();\nfor (var i = 0; i < 3; i++)\n{\n    items.Add(i);\n}\nvar x = items[10];", "line.csx");

        var run = rule.Evaluate(Some.Globals());

        Assert.Equal(RuleOutcome.Failed, run.Outcome);
        Assert.EndsWith("(line 6)", run.Error, StringComparison.Ordinal);
    }

    private static void BenignRuleStillEvaluates()
    {
        var run = Benign.Evaluate(Some.Globals(Some.Sku(cost: 10m)));

        Assert.Equal(RuleOutcome.Fired, run.Outcome);
        Assert.Equal(new SetPrice(20m) { Reason = "double" }, Assert.Single(run.Actions));
    }
}
