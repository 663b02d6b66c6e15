using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Grains.Skus;

/// <summary>What the host knows about one SKU, as the API returns it.</summary>
/// <remarks>
/// Immutable for Orleans: the grain builds a new view, with new lists of immutable records, for every call and keeps no
/// reference to it, so a call within the silo gets it without a deep copy.
/// </remarks>
/// <param name="Snapshot">The latest snapshot.</param>
/// <param name="History">Daily counts, oldest first.</param>
/// <param name="Day">The newest day's window.</param>
/// <param name="Week">The 7-day window.</param>
/// <param name="Month">The 30-day window.</param>
/// <param name="Campaigns">The campaigns covering the SKU (latest snapshot of each, its SKU list cut to this SKU).</param>
/// <param name="Rules">Per-rule state, by rule id.</param>
/// <param name="UpdatedAt">When the last snapshot was recorded.</param>
/// <param name="Days">Price, cost, stock and revenue per day, oldest first (the days of <paramref name="History"/>).</param>
[GenerateSerializer]
[Immutable]
[Alias("Marketpilot.Grains.Skus.SkuView")]
public sealed record SkuView(
    SkuSnapshot Snapshot,
    IReadOnlyList<DailyMetrics> History,
    MetricWindow Day,
    MetricWindow Week,
    MetricWindow Month,
    IReadOnlyList<CampaignSnapshot> Campaigns,
    IReadOnlyList<RuleState> Rules,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<SkuDayValues> Days);
