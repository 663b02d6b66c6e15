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

    public static int Engine(SkuCase[] skus, RuleGlobals globals, CompiledRule rule)
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
