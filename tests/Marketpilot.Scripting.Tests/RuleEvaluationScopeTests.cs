using System.Globalization;
using Marketpilot.Scripting.Runtime;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Rules;
using Marketpilot.Scripting.Tests.Support;

namespace Marketpilot.Scripting.Tests;

public sealed class RuleEvaluationScopeTests
{
    private const string FormatsANumber = "Notify(\"manager\", $\"{1234.5m:N1}\");";

    [Fact]
    public void RulesFormatWithTheInvariantCultureOnAThreadThatHasAnotherAndTheThreadGetsItsCultureBack()
    {
        var rule = Some.Rule(FormatsANumber);
        var russian = CultureInfo.GetCultureInfo("ru-RU");
        // The thread's culture formats the number otherwise, so a rule that ran on it would fail the assertions below.
        Assert.NotEqual("1,234.5", 1234.5m.ToString("N1", russian));
        var expected = new Notify("manager", "1,234.5");

        OnThreadWith(russian, () =>
        {
            Assert.Equal(expected, Assert.Single(rule.Evaluate(Some.Globals()).Actions));
            Assert.Same(russian, CultureInfo.CurrentCulture);
            Assert.Same(russian, CultureInfo.CurrentUICulture);

            using (var scope = RuleEvaluationScope.Enter())
            {
                for (var i = 0; i < 3; i++)
                {
                    Assert.Equal(expected, Assert.Single(rule.Evaluate(Some.Globals(), rule.Limits, scope).Actions));
                }
            }

            Assert.Same(russian, CultureInfo.CurrentCulture);
            Assert.Same(russian, CultureInfo.CurrentUICulture);
        });
    }

    [Fact]
    public void AScopeNeverEnteredIsRefused()
    {
        var rule = Some.Rule(FormatsANumber);

        var refused = Assert.Throws<ArgumentException>(() => rule.Evaluate(Some.Globals(), rule.Limits, default));

        Assert.Contains("never entered", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEvaluationStartedWhileAnotherRunsOnTheThreadHasAMeterOfItsOwnAndLeavesTheOtherAsItWas()
    {
        var rule = Some.Rule("for (var i = 0; i < 100; i++) { }\nSetPrice(Sku.Cost * 2, \"double\");");
        using var scope = RuleEvaluationScope.Enter();
        var running = RuleBudget.Current!;
        // As if an evaluation were under way on this thread's meter, part of its budget spent.
        running.Arm(RuleLimits.Default);
        running.Steps = 7;
        try
        {
            var run = rule.Evaluate(Some.Globals(Some.Sku(cost: 10m)), rule.Limits, scope);

            Assert.Equal(RuleOutcome.Fired, run.Outcome);
            Assert.Equal(new SetPrice(20m) { Reason = "double" }, Assert.Single(run.Actions));
            Assert.Same(running, RuleBudget.Current);
            Assert.True(running.IsActive);
            Assert.Equal(7, running.Steps);
        }
        finally
        {
            running.Disarm();
        }
    }

    private static void OnThreadWith(CultureInfo culture, Action test)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            try
            {
                test();
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new AggregateException(failure);
        }
    }
}
