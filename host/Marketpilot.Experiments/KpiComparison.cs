namespace Marketpilot.Experiments;

/// <summary>One KPI in both arms and their difference.</summary>
/// <param name="Kpi">The KPI's name (see <see cref="KpiNames"/>).</param>
/// <param name="Test">Its value in the test arm.</param>
/// <param name="Control">Its value in the control arm.</param>
/// <param name="Difference">Test − control, with its 95% confidence interval; for per-SKU-day KPIs adjusted by each SKU's pre-period (CUPED), so it may differ from <paramref name="Test"/> − <paramref name="Control"/> by what the SKUs already differed by before the window; <see langword="null"/> when an arm has fewer than two SKUs.</param>
/// <param name="Relative">(Test − control) / control, with its 95% confidence interval; <see langword="null"/> when the control value is 0 or an arm has fewer than two SKUs.</param>
public sealed record KpiComparison(string Kpi, double Test, double Control, Interval? Difference, Interval? Relative);
