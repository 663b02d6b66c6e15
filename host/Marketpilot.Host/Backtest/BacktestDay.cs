using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Host.Backtest;

/// <summary>One day of recorded history: every SKU's snapshot of that day and the campaigns as known.</summary>
/// <param name="Date">The day.</param>
/// <param name="Skus">The SKUs' snapshots of the day.</param>
/// <param name="Campaigns">The campaigns.</param>
public sealed record BacktestDay(DateOnly Date, IReadOnlyList<SkuSnapshot> Skus, IReadOnlyList<CampaignSnapshot> Campaigns);
