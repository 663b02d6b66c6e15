using System.Globalization;
using System.Text;
using Marketpilot.Experiments;
using Marketpilot.Host.Api;

namespace Marketpilot.Host.Experiments;

/// <summary>Writes an experiment report as the plain-text table <c>rules report</c> and <c>demo</c> print.</summary>
public static class ReportText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The report as lines of text.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The text, ending with a newline.</returns>
    public static string Of(RuleReportView report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        var shops = report.Shops.Count == 0 ? "no SKUs with data" : string.Join(", ", report.Shops);
        text.AppendLine(Invariant, $"rule {report.RuleId}: rollout {report.Rollout}, {report.From:yyyy-MM-dd}..{report.To:yyyy-MM-dd}, {shops}");
        text.AppendLine(Invariant, $"  {"",-18}{"test",14}{"control",14}");
        Row(text, "SKUs", report.Test.Skus, report.Control.Skus);
        Row(text, "SKU-days", report.Test.SkuDays, report.Control.SkuDays);
        Row(text, "orders", report.Test.Orders, report.Control.Orders);
        Row(text, "revenue", report.Test.Revenue, report.Control.Revenue);
        Row(text, "margin", report.Test.Margin, report.Control.Margin);
        Row(text, "stock-out days", report.Test.StockOutDays, report.Control.StockOutDays);
        Row(text, "returns", report.Test.Returns, report.Control.Returns);
        text.AppendLine(Invariant, $"  {"KPI",-18}{"test",14}{"control",14}  {"difference* [95% CI]",-34}relative [95% CI]");
        foreach (var kpi in report.Kpis)
        {
            var percent = kpi.Kpi is KpiNames.Conversion or KpiNames.ReturnRate or KpiNames.StockOuts or KpiNames.MarginRate;
            text.AppendLine(Invariant,
                $"  {Label(kpi.Kpi),-18}{Value(kpi.Test, percent),14}{Value(kpi.Control, percent),14}  {Range(kpi.Difference, percent),-34}{Relative(kpi.Relative)}");
        }

        text.AppendLine(Invariant, $"  * per-SKU-day KPIs: test − control adjusted by each SKU's pre-period (CUPED); ratios: of the arms' sums");
        text.AppendLine(Invariant, $"  incremental margin: {Range(report.IncrementalMargin, percent: false)}");
        foreach (var action in report.Actions)
        {
            text.AppendLine(Invariant,
                $"  {action.Kind}: {action.TestSkus} test SKUs applied it, {action.ControlSkus} control SKUs would have; margin per SKU-day {Range(action.MarginPerSkuDay.Difference, percent: false)}, incremental {Range(action.IncrementalMargin, percent: false)}");
        }

        if (report.EstimatedRevenueSkuDays > 0)
        {
            text.AppendLine(Invariant, $"  revenue: {report.EstimatedRevenueSkuDays} SKU-days had no marketplace revenue and count orders × price");
        }

        if (report.EmergencyStop is { } stop)
        {
            text.AppendLine(Invariant, $"  emergency stop {stop.StoppedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {stop.Reason}");
        }

        if (!report.EnoughData)
        {
            text.AppendLine(Invariant,
                $"  not enough data: each arm needs at least {ExperimentReport.MinSkusPerArm} SKUs with data (test {report.Test.Skus}, control {report.Control.Skus}); do not act on these intervals");
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string label, decimal test, decimal control) =>
        text.AppendLine(Invariant, $"  {label,-18}{test.ToString("#,0.##", Invariant),14}{control.ToString("#,0.##", Invariant),14}");

    private static string Label(string kpi) => kpi switch
    {
        KpiNames.Conversion => "conversion",
        KpiNames.Orders => "orders/SKU-day",
        KpiNames.Revenue => "revenue/SKU-day",
        KpiNames.Margin => "margin/SKU-day",
        KpiNames.MarginRate => "margin rate",
        KpiNames.StockOuts => "stock-out share",
        KpiNames.ReturnRate => "return rate",
        _ => kpi,
    };

    private static string Value(double value, bool percent) =>
        percent ? value.ToString("0.00%", Invariant) : value.ToString("#,0.00", Invariant);

    private static string Range(Interval? interval, bool percent)
    {
        if (interval is null)
        {
            return "n/a (an arm has fewer than 2 SKUs)";
        }

        var mark = interval.ExcludesZero ? " *" : string.Empty;
        var scale = percent ? 100 : 1;
        return string.Create(Invariant, $"{Signed(interval.Value * scale)}{(percent ? " pt" : string.Empty)} [{Round(interval.Low * scale):#,0.00}, {Round(interval.High * scale):#,0.00}]{mark}");
    }

    /// <summary>A difference with its sign, rounded to two decimals first so that a tiny negative value reads 0.00, not -0.00.</summary>
    /// <param name="value">The value.</param>
    /// <returns>For example <c>+12.50</c>, <c>-3.00</c>, <c>0.00</c>.</returns>
    public static string Signed(double value) => Round(value) switch
    {
        > 0 and var v => string.Create(Invariant, $"+{v:#,0.00}"),
        < 0 and var v => string.Create(Invariant, $"-{-v:#,0.00}"),
        _ => "0.00",
    };

    private static double Round(double value) => Math.Round(value, 2) is var r && r == 0 ? 0 : r;

    private static string Relative(Interval? interval) => interval is null
        ? "n/a"
        : string.Create(Invariant, $"{Signed(interval.Value * 100)}% [{Round(interval.Low * 100):0.0}%, {Round(interval.High * 100):0.0}%]");
}
