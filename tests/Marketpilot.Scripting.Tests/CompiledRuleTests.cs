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
}
