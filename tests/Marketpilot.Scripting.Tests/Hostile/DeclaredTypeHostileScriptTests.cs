using Marketpilot.Sdk.Rules;
using Marketpilot.Scripting.Tests.Support;

namespace Marketpilot.Scripting.Tests.Hostile;

public sealed class DeclaredTypeHostileScriptTests
{
    private static readonly RuleLimits Limits = RuleLimits.Default with { Timeout = TimeSpan.FromSeconds(5) };

    public static TheoryData<string, string, string, string> Refused() => DeclaredTypeHostileScripts.Refused();

    public static TheoryData<string, string, string> Stopped() => DeclaredTypeHostileScripts.Stopped();

    [Theory]
    [MemberData(nameof(Refused))]
    public void DeclaredTypeThatCouldKeepStateOrNestWithoutBoundIsRefused(string name, string source, string code, string message)
    {
        var compilation = new RuleCompiler().Compile(name + ".csx", source);

        Assert.Null(compilation.Compiled);
        Assert.True(
            compilation.Diagnostics.Any(d => d.IsError && d.Code == code && d.Message.Contains(message, StringComparison.Ordinal)),
            $"expected {code} '{message}', got:\n{string.Join('\n', compilation.Diagnostics)}");
    }

    [Theory]
    [MemberData(nameof(Stopped))]
    public void MembersOfDeclaredTypesAreBudgetedLikeTheRule(string name, string source, string reason)
    {
        var rule = Some.Rule(source, name + ".csx");

        var run = rule.Evaluate(Some.Globals(), Limits);

        Assert.True(run.Outcome == RuleOutcome.TimedOut, $"{run.Outcome}: {run.Error}");
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
    }
}
