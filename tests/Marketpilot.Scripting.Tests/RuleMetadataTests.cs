using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Rules;
using Marketpilot.Scripting.Tests.Support;

namespace Marketpilot.Scripting.Tests;

public sealed class RuleMetadataTests
{
    private readonly RuleCompiler _compiler = new();

    [Fact]
    public void RuleWithoutHeaderGetsTheDocumentedDefaults()
    {
        var compilation = _compiler.Compile("scripts/plain-rule.csx", "// just a comment\nNotify(\"a\", \"b\");");

        Assert.True(compilation.Succeeded);
        Assert.Equal("plain-rule", compilation.Metadata.Name);
        Assert.Equal([RuleTrigger.DataChange], compilation.Metadata.Triggers);
        Assert.Same(RuleScope.All, compilation.Metadata.Scope);
        Assert.Equal(RuleMode.Live, compilation.Metadata.Mode);
        Assert.Null(compilation.Metadata.Cooldown);
        Assert.Empty(compilation.Metadata.Guards);
        Assert.Equal(string.Empty, compilation.Metadata.Description);
        Assert.Equal(RuleLimits.Default, compilation.Compiled!.Limits);
    }

    [Fact]
    public void RolloutIsParsedAndEveryoneByDefault()
    {
        var rolled = _compiler.Compile("scripts/rolled.csx", "// @rollout: 15%\nNotify(\"a\", \"b\");");
        var plain = _compiler.Compile("scripts/plain.csx", "Notify(\"a\", \"b\");");

        Assert.Equal(15m, rolled.Metadata.Rollout!.Percent);
        Assert.Null(rolled.Metadata.Emergency);
        Assert.Equal(
            new Marketpilot.Experiments.EmergencyThresholds(2, 0.2, null),
            _compiler.Compile("scripts/guarded.csx", "// @rollout: 15%\n// @emergency: margin-drop=2pt, orders-drop=20%\nNotify(\"a\", \"b\");").Metadata.Emergency);
        Assert.Null(plain.Metadata.Rollout);
    }

    [Fact]
    public void HeaderIsParsed()
    {
        const string source = """
            // Keeps prices above cost.
            // @name: Minimum margin
            // @description: Proposes the lowest price that restores a 12% margin.
            // @triggers: data-change, daily
            // @scope: marketplace=ozon,wildberries; shop=demo; sku=KET-*
            // @cooldown: 1d12h
            // @guards: has-cost, not-new-item
            // @mode: dry-run
            // @max-steps: 50_000
            // @max-depth: 20
            // @max-memory: 2MB
            // @timeout: 250ms
            SetPrice(1m);
            """;

        var compilation = _compiler.Compile("m.csx", source);

        Assert.True(compilation.Succeeded, string.Join('\n', compilation.Diagnostics));
        var metadata = compilation.Metadata;
        Assert.Equal(("Minimum margin", "Proposes the lowest price that restores a 12% margin."), (metadata.Name, metadata.Description));
        Assert.Equal([RuleTrigger.DataChange, RuleTrigger.Daily], metadata.Triggers);
        Assert.Equal(["ozon", "wildberries"], metadata.Scope.Marketplaces);
        Assert.Equal(["demo"], metadata.Scope.Shops);
        Assert.Equal(["KET-*"], metadata.Scope.SkuPrefixes);
        Assert.Equal(TimeSpan.FromHours(36), metadata.Cooldown);
        Assert.Equal([RuleGuard.HasCost, RuleGuard.NotNewItem], metadata.Guards);
        Assert.Equal(RuleMode.DryRun, metadata.Mode);
        Assert.Equal(new RuleLimits(50_000, 20, 2 * 1024 * 1024, TimeSpan.FromMilliseconds(250)), compilation.Compiled!.Limits);
    }

    [Theory]
    [InlineData("// @colour: red", 1, 4, "unknown metadata key 'colour'")]
    [InlineData("// @cooldown: soon", 1, 15, "invalid @cooldown: 'soon' is not a duration")]
    [InlineData("// @name: A\n// @name: B", 2, 4, "metadata key 'name' is given twice")]
    [InlineData("// @triggers: data-change, weekly", 1, 15, "'weekly' is not a trigger")]
    [InlineData("// @scope: region=eu", 1, 12, "'region=eu' is not a scope part")]
    [InlineData("// @max-steps: -5", 1, 16, "'-5' is not a positive whole number")]
    [InlineData("// @mode", 1, 4, "a metadata line reads '// @key: value'")]
    [InlineData("// @mode: paused", 1, 11, "'paused' is not a mode; use live, dry-run, off")]
    [InlineData("// @guardrails: minMargin=1.2", 1, 17, "minMargin must be a fraction from 0 to below 1")]
    [InlineData("// @guardrails: maxDiscount=0.1", 1, 17, "'maxDiscount' is not a guardrail")]
    [InlineData("// @guardrails: minMargin=0.1, minMargin=0.2", 1, 17, "guardrail 'minMargin' is given twice")]
    [InlineData("// @rollout: 150%", 1, 14, "invalid @rollout: '150%' is not a rollout percentage")]
    [InlineData("// @emergency: margin-drop=lots", 1, 16, "invalid @emergency: margin-drop 'lots' is not a number")]
    public void InvalidHeaderIsAnErrorAtTheValue(string header, int line, int column, string message)
    {
        var compilation = _compiler.Compile("bad.csx", header + "\nNotify(\"a\", \"b\");");

        var error = Assert.Single(compilation.Diagnostics);
        Assert.Equal(("MP1004", line, column), (error.Code, error.Line, error.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Null(compilation.Compiled);
    }

    [Fact]
    public void AGuardrailsHeaderSetsOnlyWhatItNames()
    {
        var compilation = _compiler.Compile("g.csx", "// @guardrails: minMargin=0.15, maxCouponsPerSkuPerDay=1\n// @mode: off\nNotify(\"a\", \"b\");");

        Assert.True(compilation.Succeeded, string.Join('\n', compilation.Diagnostics));
        Assert.Equal(new RuleGuardrails(MinMargin: 0.15m, MaxCouponsPerSkuPerDay: 1), compilation.Metadata.Guardrails);
        Assert.Equal(RuleMode.Off, compilation.Metadata.Mode);
    }

    [Fact]
    public void MetadataAfterTheFirstStatementIsAnOrdinaryComment()
    {
        var compilation = _compiler.Compile("x.csx", "Notify(\"a\", \"b\");\n// @colour: red");

        Assert.True(compilation.Succeeded);
    }

    [Fact]
    public void RuleIsSkippedOnSkusOutsideItsScope()
    {
        var rule = Some.Rule("// @scope: marketplace=wildberries\nSetPrice(1m);");

        Assert.Equal(RuleOutcome.NoAction, rule.Evaluate(Some.Globals()).Outcome);
    }

    [Fact]
    public void RuleIsSkippedWhileCoolingDownAndWhenAGuardFails()
    {
        var cooling = Some.Rule("// @cooldown: 3d\nSetPrice(1m);");
        var guarded = Some.Rule("// @guards: in-stock\nSetPrice(1m);");
        var state = RuleState.New("test") with { LastFiredAt = Some.Now.AddDays(-1) };

        Assert.Equal(RuleOutcome.NoAction, cooling.Evaluate(new RuleGlobals(Some.Sku(), [], [], state, Some.Now)).Outcome);
        Assert.Equal(RuleOutcome.Fired, cooling.Evaluate(Some.Globals()).Outcome);
        Assert.Equal(RuleOutcome.NoAction, guarded.Evaluate(Some.Globals(Some.Sku(stock: 0))).Outcome);
        Assert.Equal(RuleOutcome.Fired, guarded.Evaluate(Some.Globals(Some.Sku(stock: 3))).Outcome);
    }

    [Fact]
    public void RuleOwnBudgetAppliesAndIsCappedByTheCeiling()
    {
        var tight = Some.Rule("// @max-steps: 5000\nfor (var i = 0; i < 10_000; i++) { }\nSetPrice(1m);");
        var greedy = Some.Rule("// @max-steps: 999999999999\n// @max-memory: 100GB\nSetPrice(1m);");

        Assert.Equal(RuleOutcome.TimedOut, tight.Evaluate(Some.Globals()).Outcome);
        Assert.Equal(RuleLimits.DefaultCeiling.MaxSteps, greedy.Limits.MaxSteps);
        Assert.Equal(RuleLimits.DefaultCeiling.MaxAllocatedBytes, greedy.Limits.MaxAllocatedBytes);
    }
}
