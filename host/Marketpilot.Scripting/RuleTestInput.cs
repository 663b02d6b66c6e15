using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Scripting;

/// <summary>What one SKU of a fixture is evaluated on.</summary>
/// <param name="Sku">The SKU's newest snapshot.</param>
/// <param name="History">Its daily counts, oldest first, one entry per date.</param>
/// <param name="Campaigns">The campaigns that cover it.</param>
public sealed record RuleTestInput(SkuSnapshot Sku, IReadOnlyList<DailyMetrics> History, IReadOnlyList<CampaignSnapshot> Campaigns);
