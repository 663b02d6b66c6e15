using Marketpilot.Scripting;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Benchmarks;

/// <summary>The measured loops every benchmark shares: one reused <see cref="RuleGlobals"/>, reset per evaluation, on both sides.</summary>
public static class Evaluations
{
    public static int Native(SkuCase[] skus, RuleGlobals globals, Action<RuleGlobals> rule)
    {
        var fired = 0;
        foreach (var s in skus)
        {
            globals.Reset(s.Sku, s.History, s.Campaigns, s.State, SyntheticShop.Now);
            rule(globals);
            fired += globals.Actions.Count;
        }

        return fired;
    }

    /// <summary>The engine as the host runs a round: one <see cref="RuleEvaluationScope"/> for the run of evaluations.</summary>
    public static int Engine(SkuCase[] skus, RuleGlobals globals, CompiledRule rule)
    {
        var fired = 0;
        using var scope = RuleEvaluationScope.Enter();
        foreach (var s in skus)
        {
            globals.Reset(s.Sku, s.History, s.Campaigns, s.State, SyntheticShop.Now);
            fired += rule.Evaluate(globals, rule.Limits, scope).Actions.Count;
        }

        return fired;
    }

    /// <summary>As <see cref="Engine"/>, but each evaluation enters a <see cref="RuleEvaluationScope"/> of its own, as one evaluated alone does.</summary>
    public static int EngineOneByOne(SkuCase[] skus, RuleGlobals globals, CompiledRule rule)
    {
        var fired = 0;
        foreach (var s in skus)
        {
            globals.Reset(s.Sku, s.History, s.Campaigns, s.State, SyntheticShop.Now);
            fired += rule.Evaluate(globals).Actions.Count;
        }

        return fired;
    }
}
