using System.Globalization;

namespace Marketpilot.Experiments;

/// <summary>
/// When a rule on a rollout must be stopped and rolled back (<c>// @emergency:</c>): the test arm's margin rate falls by
/// more than some points against control, its orders per SKU-day by more than some share, or its return rate rises
/// above a level. A threshold counts as crossed only with enough data: both arms have at least
/// <see cref="ExperimentReport.MinSkusPerArm"/> SKUs, the estimate is past the threshold, and the harm is significant (its
/// 95% confidence interval lies wholly on the harmful side of zero). Noise alone therefore does not stop a rule.
/// </summary>
/// <param name="MarginDropPoints">Crossed when the test arm's margin rate is lower than control's by more than this many percentage points.</param>
/// <param name="OrdersDrop">Crossed when orders per SKU-day are lower than control's by more than this share (0.2 is 20%).</param>
/// <param name="ReturnRateAbove">Crossed when the test arm's return rate is above this share and above control's.</param>
public sealed record EmergencyThresholds(double? MarginDropPoints, double? OrdersDrop, double? ReturnRateAbove)
{
    /// <summary>Reads <c>margin-drop=2pt, orders-drop=20%, returns-above=5%</c> (any of them, at least one).</summary>
    /// <param name="text">The thresholds.</param>
    /// <returns>The thresholds.</returns>
    /// <exception cref="FormatException">An unknown name, a repeated one or a value out of range.</exception>
    public static EmergencyThresholds Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        double? margin = null, orders = null, returns = null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new FormatException("it is empty; write for example margin-drop=2pt, orders-drop=20%, returns-above=5%");
        }

        foreach (var part in parts)
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals].Trim().ToLowerInvariant();
            var value = equals < 0 ? string.Empty : part[(equals + 1)..].Trim();
            switch (name)
            {
                case "margin-drop" when margin is null:
                    margin = Number(value, "pt", name, 100);
                    break;
                case "orders-drop" when orders is null:
                    orders = Number(value, "%", name, 100) / 100;
                    break;
                case "returns-above" when returns is null:
                    returns = Number(value, "%", name, 100) / 100;
                    break;
                case "margin-drop" or "orders-drop" or "returns-above":
                    throw new FormatException($"'{name}' is given twice");
                default:
                    throw new FormatException($"'{part}' is not a threshold; use margin-drop=<points>pt, orders-drop=<percent>%, returns-above=<percent>%");
            }
        }

        return new EmergencyThresholds(margin, orders, returns);
    }

    /// <summary>The thresholds <paramref name="report"/> crosses, each as a sentence an operator reads; empty when none is.</summary>
    /// <param name="report">The rule's report.</param>
    /// <returns>The reasons.</returns>
    public IReadOnlyList<string> CrossedBy(ExperimentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!report.EnoughData)
        {
            return [];
        }

        var reasons = new List<string>();
        var inv = CultureInfo.InvariantCulture;
        if (MarginDropPoints is { } points && Kpi(report, KpiNames.MarginRate) is { Difference: { } margin } m
            && margin.High < 0 && -margin.Value * 100 > points)
        {
            reasons.Add(string.Create(inv, $"the test arm's margin rate is {-margin.Value * 100:0.0} points below control ({m.Test:0.0%} vs {m.Control:0.0%}; 95% CI of the difference {margin.Low * 100:0.0} to {margin.High * 100:0.0} points), more than the {points:0.#}-point threshold"));
        }

        if (OrdersDrop is { } drop && Kpi(report, KpiNames.Orders) is { Relative: { } relative, Difference: { } orders } o
            && orders.High < 0 && -relative.Value > drop)
        {
            reasons.Add(string.Create(inv, $"the test arm's orders per SKU-day are {-relative.Value:0.0%} below control ({o.Test:0.00} vs {o.Control:0.00}; 95% CI {relative.Low:0.0%} to {relative.High:0.0%}), more than the {drop:0.#%} threshold"));
        }

        if (ReturnRateAbove is { } level && Kpi(report, KpiNames.ReturnRate) is { Difference: { } returns } r
            && returns.Low > 0 && r.Test > level)
        {
            reasons.Add(string.Create(inv, $"the test arm's return rate is {r.Test:0.0%} (control {r.Control:0.0%}; 95% CI of the difference {returns.Low * 100:0.0} to {returns.High * 100:0.0} points), above the {level:0.#%} threshold"));
        }

        return reasons;
    }

    /// <summary>
    /// Where the report stands against each threshold: the harm measured so far (margin points lost, share of orders lost,
    /// the test arm's return rate) next to the threshold, whether or not the data suffice to cross it.
    /// </summary>
    /// <param name="report">The rule's report.</param>
    /// <returns>One entry per threshold set; <see cref="ThresholdStanding.Current"/> is null where the report has no estimate.</returns>
    public IReadOnlyList<ThresholdStanding> StandingIn(ExperimentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var standings = new List<ThresholdStanding>();
        if (MarginDropPoints is { } points)
        {
            standings.Add(new("margin-drop", points, Kpi(report, KpiNames.MarginRate)?.Difference is { } d ? -d.Value * 100 : null, "pt"));
        }

        if (OrdersDrop is { } drop)
        {
            standings.Add(new("orders-drop", drop * 100, Kpi(report, KpiNames.Orders)?.Relative is { } r ? -r.Value * 100 : null, "%"));
        }

        if (ReturnRateAbove is { } level)
        {
            standings.Add(new("returns-above", level * 100, Kpi(report, KpiNames.ReturnRate) is { } k ? k.Test * 100 : null, "%"));
        }

        return standings;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", new[]
    {
        MarginDropPoints is { } m ? string.Create(CultureInfo.InvariantCulture, $"margin-drop={m:0.##}pt") : null,
        OrdersDrop is { } o ? string.Create(CultureInfo.InvariantCulture, $"orders-drop={o * 100:0.##}%") : null,
        ReturnRateAbove is { } r ? string.Create(CultureInfo.InvariantCulture, $"returns-above={r * 100:0.##}%") : null,
    }.OfType<string>());

    private static KpiComparison? Kpi(ExperimentReport report, string name) => report.Kpis.FirstOrDefault(k => k.Kpi == name);

    private static double Number(string value, string unit, string name, double max)
    {
        var number = value.EndsWith(unit, StringComparison.OrdinalIgnoreCase) ? value[..^unit.Length].TrimEnd() : value;
        return double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 && parsed <= max
            ? parsed
            : throw new FormatException($"{name} '{value}' is not a number above 0 and at most {max:0}{unit}");
    }
}
