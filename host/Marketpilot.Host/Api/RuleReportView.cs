using Marketpilot.Actions.Control;
using Marketpilot.Experiments;

namespace Marketpilot.Host.Api;

/// <summary>The answer to <c>GET /api/v1/rules/{id}/report</c>.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Rollout">The share of SKUs in its test arm, for example <c>15%</c>.</param>
/// <param name="From">The first day.</param>
/// <param name="To">The last day.</param>
/// <param name="Shops">The shops whose SKUs were counted (<c>marketplace/shopId</c>).</param>
/// <param name="Test">The test arm.</param>
/// <param name="Control">The control arm.</param>
/// <param name="EnoughData">Whether each arm has at least <see cref="ExperimentReport.MinSkusPerArm"/> SKUs with data.</param>
/// <param name="Kpis">Each KPI in both arms and the difference with its 95% confidence interval.</param>
/// <param name="IncrementalMargin">The margin the rule added in the window (negative: lost), with its interval.</param>
/// <param name="Actions">The same per kind of action.</param>
/// <param name="Method">How the intervals were computed.</param>
/// <param name="EstimatedRevenueSkuDays">SKU-days whose marketplace reported no revenue, counted at orders × price instead; 0 when every day had the marketplace's figure.</param>
/// <param name="EmergencyStop">When and why this version of the rule was stopped by its emergency thresholds; <see langword="null"/> when it was not.</param>
public sealed record RuleReportView(
    string RuleId,
    string Rollout,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<string> Shops,
    ArmSummary Test,
    ArmSummary Control,
    bool EnoughData,
    IReadOnlyList<KpiComparison> Kpis,
    Interval? IncrementalMargin,
    IReadOnlyList<ActionEffect> Actions,
    string Method,
    long EstimatedRevenueSkuDays = 0,
    RuleEmergencyStop? EmergencyStop = null)
{
    /// <summary>What <see cref="Method"/> says.</summary>
    public const string MethodText =
        "unit of analysis: the SKU (the rollout's unit); per-SKU-day means compared with Welch's t interval after adjusting each SKU by its own pre-period of up to 28 days before the window (CUPED); conversion, margin rate and return rate as ratios of sums with delta-method variances clustered by SKU; relative differences by the delta method; 95% two-sided";

    /// <summary>The view of <paramref name="report"/>.</summary>
    /// <param name="report">The report.</param>
    /// <param name="shops">The shops counted.</param>
    /// <param name="estimatedRevenueSkuDays">SKU-days counted at orders × price for want of the marketplace's revenue.</param>
    /// <param name="emergencyStop">The rule version's emergency stop, if any.</param>
    /// <returns>The view.</returns>
    public static RuleReportView Of(
        ExperimentReport report, IReadOnlyList<string> shops, long estimatedRevenueSkuDays = 0, RuleEmergencyStop? emergencyStop = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new RuleReportView(
            report.RuleId, report.Rollout.ToString(), report.From, report.To, shops, report.Test, report.Control, report.EnoughData,
            report.Kpis, report.IncrementalMargin, report.Actions, MethodText, estimatedRevenueSkuDays, emergencyStop);
    }
}
