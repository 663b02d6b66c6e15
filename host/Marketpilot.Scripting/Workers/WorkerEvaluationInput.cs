using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting.Workers;

/// <summary>What one evaluation's <see cref="RuleGlobals"/> is built from, as it crosses to a worker.</summary>
/// <param name="Sku">The SKU's snapshot.</param>
/// <param name="History">Its daily metrics.</param>
/// <param name="Campaigns">The campaigns that cover it.</param>
/// <param name="State">The rule's state on this SKU.</param>
/// <param name="Now">The evaluation time.</param>
internal sealed record WorkerEvaluationInput(
    SkuSnapshot Sku,
    IReadOnlyList<DailyMetrics> History,
    IReadOnlyList<CampaignSnapshot> Campaigns,
    RuleState State,
    DateTimeOffset Now)
{
    public static WorkerEvaluationInput From(RuleGlobals globals) =>
        new(globals.Sku, [.. globals.History], [.. globals.Campaigns], globals.Rule, globals.Now);

    public RuleGlobals ToGlobals() => new(Sku, History, Campaigns, State, Now);
}
