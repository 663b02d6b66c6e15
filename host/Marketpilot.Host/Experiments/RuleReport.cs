using Marketpilot.Experiments;

namespace Marketpilot.Host.Experiments;

/// <summary>A rule's experiment report as <see cref="RuleReportService"/> built it from what the host stored.</summary>
/// <param name="Experiment">The report.</param>
/// <param name="Shops">The shops whose SKUs it counted, as <c>marketplace/shopId</c>.</param>
/// <param name="EstimatedRevenueSkuDays">How many SKU-days had no marketplace revenue (orders × price used).</param>
public sealed record RuleReport(ExperimentReport Experiment, IReadOnlyList<string> Shops, long EstimatedRevenueSkuDays);
