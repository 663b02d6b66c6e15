using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Rules;
using Marketpilot.Scripting.Tests.Support;

namespace Marketpilot.Scripting.Tests;

public sealed class CompiledRuleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RuleThatProposesAnActionFired()
    {
        var rule = Some.Rule("SetPrice(Sku.Cost * 2, \"double\");");

        var run = await rule.RunAsync(Some.Globals(Some.Sku(cost: 10m)), Timeout);

        Assert.Equal(RuleOutcome.Fired, run.Outcome);
        Assert.Equal(new SetPrice(20m) { Reason = "double" }, Assert.Single(run.Actions));
        Assert.Null(run.Error);
    }

    [Fact]
    public async Task RuleThatProposesNothingHasNoAction()
    {
        var rule = Some.Rule("Log(\"looked at \" + Sku.Sku);");

        var run = await rule.RunAsync(Some.Globals(), Timeout);

        Assert.Equal(RuleOutcome.NoAction, run.Outcome);
        Assert.Empty(run.Actions);
        Assert.Equal(["looked at A-1"], run.Messages);
    }

    [Fact]
    public async Task ThrowingRuleFailsWithTheExceptionAndItsLine()
    {
        var rule = Some.Rule("var x = 1;\nif (x == 1)\n    throw new InvalidOperationException(\"boom\");", "throws.csx");

        var run = await rule.RunAsync(Some.Globals(), Timeout);

        Assert.Equal(RuleOutcome.Failed, run.Outcome);
        Assert.Equal("InvalidOperationException: boom (line 3)", run.Error);
    }

    [Fact]
    public async Task RuleThatActsAndThenThrowsProposesNothing()
    {
        var rule = Some.Rule("SetPrice(1m);\nthrow new ArgumentException(\"late\");");

        var run = await rule.RunAsync(Some.Globals(), Timeout);

        Assert.Equal(RuleOutcome.Failed, run.Outcome);
        Assert.Empty(run.Actions);
    }

    [Fact]
    public async Task RuleRunningPastItsTimeoutTimesOut()
    {
        var rule = Some.Rule("var end = DateTime.UtcNow.AddSeconds(3);\nwhile (DateTime.UtcNow < end) { }\nSetPrice(1m);");
        // Steps to spare, so only the clock can stop it.
        rule.Limits = rule.Limits with { MaxSteps = long.MaxValue / 2 };

        var run = await rule.RunAsync(Some.Globals(), TimeSpan.FromMilliseconds(100));

        Assert.Equal(RuleOutcome.TimedOut, run.Outcome);
        Assert.Equal("stopped after 100 ms", run.Error);
        Assert.Empty(run.Actions);
    }

    [Fact]
    public async Task RuleFormatsNumbersWithTheInvariantCulture()
    {
        var rule = Some.Rule("Notify(\"manager\", $\"{1234.5m:N1}\");");

        var run = await rule.RunAsync(Some.Globals(), Timeout);

        Assert.Equal(new Notify("manager", "1,234.5"), Assert.Single(run.Actions));
    }

    [Fact]
    public void OneRuleEvaluatedOnManyThreadsAtOnceSeesOnlyEachEvaluationsOwnSku()
    {
        // The SKU is read before and after a loop long enough for the threads' evaluations to overlap.
        var rule = Some.Rule("var before = Sku.Sku;\nvar n = 0;\nfor (var i = 0; i < 5000; i++) { n += i % 3; }\nSetPrice(Sku.Cost, before + \"/\" + Sku.Sku);");
        const int Threads = 8;
        const int EvaluationsPerThread = 200;
        using var start = new Barrier(Threads);
        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();

        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var e = 0; e < EvaluationsPerThread; e++)
            {
                var sku = $"T{t}-{e}";
                var run = rule.Evaluate(Some.Globals(Some.Sku(sku: sku, cost: t + 1)));
                if (run.Outcome != RuleOutcome.Fired || run.Actions is not [SetPrice { Price: var price, Reason: var reason }]
                    || price != t + 1 || reason != $"{sku}/{sku}")
                {
                    mismatches.Add($"{sku}: {run.Outcome} {string.Join(", ", run.Actions)} {run.Error}");
                }
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        Assert.Empty(mismatches);
    }
}
