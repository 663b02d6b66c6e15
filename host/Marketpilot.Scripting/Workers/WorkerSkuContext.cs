using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting.Workers;

/// <summary>What every rule's <see cref="RuleGlobals"/> on one SKU shares, as it crosses to a worker once per message.</summary>
/// <param name="Sku">The SKU's snapshot.</param>
/// <param name="History">Its daily metrics.</param>
/// <param name="Campaigns">The campaigns that cover it.</param>
/// <param name="Now">The evaluation time.</param>
internal sealed record WorkerSkuContext(
    SkuSnapshot Sku,
    IReadOnlyList<DailyMetrics> History,
    IReadOnlyList<CampaignSnapshot> Campaigns,
    DateTimeOffset Now)
{
    public static WorkerSkuContext From(RuleGlobals globals) =>
        new(globals.Sku, [.. globals.History], [.. globals.Campaigns], globals.Now);
}
