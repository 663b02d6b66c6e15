using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Experiments;

/// <summary>
/// A rule's experiment over a window: what each arm of its rollout did, the difference of every KPI with a 95%
/// confidence interval, the margin the rule added or lost, and the same for each kind of action it took.
/// </summary>
/// <remarks>
/// The SKU is the unit the rollout randomises, so it is the unit of analysis: per-SKU means per day compared with
/// Welch's t interval after adjusting each SKU by its own pre-period (CUPED); conversion, margin rate and return rate as
/// ratios of sums with delta-method variances clustered by SKU; relative differences by the delta method. See
/// docs/experiments.md.
/// </remarks>
/// <param name="RuleId">The rule.</param>
/// <param name="Rollout">Its rollout.</param>
/// <param name="From">The first day of the window.</param>
/// <param name="To">The last day of the window.</param>
/// <param name="Test">The test arm.</param>
/// <param name="Control">The control arm.</param>
/// <param name="EnoughData">Whether each arm has at least <see cref="MinSkusPerArm"/> SKUs with data; below that the intervals are shown but not to be trusted.</param>
/// <param name="Kpis">Each KPI in both arms, with the difference.</param>
/// <param name="IncrementalMargin">The margin per SKU-day difference × the test arm's SKU-days: what the rule added (negative: lost) in the window, with its interval.</param>
/// <param name="Actions">The comparison per kind of action the rule took.</param>
public sealed record ExperimentReport(
    string RuleId,
    Rollout Rollout,
    DateOnly From,
    DateOnly To,
    ArmSummary Test,
    ArmSummary Control,
    bool EnoughData,
    IReadOnlyList<KpiComparison> Kpis,
    Interval? IncrementalMargin,
    IReadOnlyList<ActionEffect> Actions)
{
    /// <summary>The fewest SKUs with data each arm needs before the report calls its intervals trustworthy.</summary>
    public const int MinSkusPerArm = 10;

    /// <summary>
    /// How many days before the window count as each SKU's pre-period: per-SKU-day KPIs are adjusted by the same KPI in
    /// the pre-period (CUPED), which removes the differences between SKUs that were there before the rule.
    /// </summary>
    public const int PrePeriodDays = 28;

    /// <summary>Builds the report from the SKU-days and actions in the window.</summary>
    /// <param name="ruleId">The rule.</param>
    /// <param name="rollout">Its rollout; each SKU's arm is <see cref="Rollout.ArmOf"/>.</param>
    /// <param name="outcomes">SKU-days: those in <paramref name="from"/>..<paramref name="to"/> are compared; those in the <see cref="PrePeriodDays"/> before it are each SKU's baseline; others are ignored.</param>
    /// <param name="actions">The rule's actions in the window (the caller picks them by time).</param>
    /// <param name="from">The first day.</param>
    /// <param name="to">The last day.</param>
    /// <returns>The report.</returns>
    public static ExperimentReport Build(
        string ruleId, Rollout rollout, IEnumerable<SkuDayOutcome> outcomes, IEnumerable<ArmAction> actions, DateOnly from, DateOnly to)
    {
        ArgumentException.ThrowIfNullOrEmpty(ruleId);
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(actions);
        if (to < from)
        {
            throw new ArgumentException($"The window ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        }

        var all = outcomes.ToList();
        var before = all
            .Where(o => o.Date < from && o.Date >= from.AddDays(-PrePeriodDays))
            .GroupBy(o => o.Sku)
            .ToDictionary(g => g.Key, g => SkuUnit.Of(g.Key, rollout.ArmOf(ruleId, g.Key), g, null));
        var units = all
            .Where(o => o.Date >= from && o.Date <= to)
            .GroupBy(o => o.Sku)
            .Select(g => SkuUnit.Of(g.Key, rollout.ArmOf(ruleId, g.Key), g, before.GetValueOrDefault(g.Key)))
            .ToList();
        var test = units.Where(u => u.Arm == ExperimentArm.Test).ToList();
        var control = units.Where(u => u.Arm == ExperimentArm.Control).ToList();
        var testArm = Summarise(test);

        IReadOnlyList<KpiComparison> kpis =
        [
            Ratio(KpiNames.Conversion, test, control, u => (u.Orders, u.Clicks)),
            Mean(KpiNames.Orders, test, control, u => u.Orders / (double)u.Days),
            Mean(KpiNames.Revenue, test, control, u => (double)u.Revenue / u.Days),
            Mean(KpiNames.Margin, test, control, u => (double)u.Margin / u.Days),
            Ratio(KpiNames.MarginRate, test, control, u => ((double)u.Margin, (double)u.Revenue)),
            Mean(KpiNames.StockOuts, test, control, u => u.StockOutDays / (double)u.Days),
            Ratio(KpiNames.ReturnRate, test, control, u => (u.Returns, u.Orders)),
        ];
        var margin = kpis.Single(k => k.Kpi == KpiNames.Margin);

        return new ExperimentReport(
            ruleId,
            rollout,
            from,
            to,
            testArm,
            Summarise(control),
            test.Count >= MinSkusPerArm && control.Count >= MinSkusPerArm,
            kpis,
            margin.Difference?.Times(testArm.SkuDays),
            ActionEffects(actions, test, control));
    }

    private static IReadOnlyList<ActionEffect> ActionEffects(IEnumerable<ArmAction> actions, List<SkuUnit> test, List<SkuUnit> control)
    {
        var testBySku = test.ToDictionary(u => u.Sku);
        var controlBySku = control.ToDictionary(u => u.Sku);
        return [.. actions
            .Where(a => a.TookEffect)
            .GroupBy(a => a.Kind)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var treated = Units(g, ExperimentArm.Test, testBySku);
                var wouldHave = Units(g, ExperimentArm.Control, controlBySku);
                var comparison = Mean(KpiNames.Margin, treated, wouldHave, u => (double)u.Margin / u.Days);
                return new ActionEffect(g.Key, treated.Count, wouldHave.Count, comparison, comparison.Difference?.Times(treated.Sum(u => u.Days)));
            })];
    }

    private static List<SkuUnit> Units(IEnumerable<ArmAction> actions, ExperimentArm arm, Dictionary<SkuKey, SkuUnit> units) =>
        [.. actions.Where(a => a.Arm == arm).Select(a => a.Sku).Distinct().Select(s => units.GetValueOrDefault(s)).OfType<SkuUnit>()];

    private static ArmSummary Summarise(List<SkuUnit> units) => new(
        units.Count,
        units.Sum(u => (long)u.Days),
        units.Sum(u => u.Clicks),
        units.Sum(u => u.Orders),
        units.Sum(u => u.Returns),
        units.Sum(u => u.Revenue),
        units.Sum(u => u.Margin),
        units.Sum(u => (long)u.StockOutDays));

    // The arms' means as they are; the interval from the values adjusted by each SKU's pre-period (CUPED: Y − θ(X − X̄),
    // θ = cov(X, Y) / var(X) over both arms; a SKU without a pre-period is not adjusted). The adjustment leaves the
    // expected difference as it is, since the arms are randomised, and narrows the interval by the share of variance the
    // pre-period explains.
    private static KpiComparison Mean(string kpi, List<SkuUnit> test, List<SkuUnit> control, Func<SkuUnit, double> value)
    {
        var (t, c) = (test.ConvertAll(u => value(u)), control.ConvertAll(u => value(u)));
        var adjust = Cuped([.. test, .. control], value);
        var compared = ArmStatistics.MeanDifference(test.ConvertAll(u => adjust(u)), control.ConvertAll(u => adjust(u)));
        return new KpiComparison(kpi, t.Count == 0 ? 0 : t.Average(), c.Count == 0 ? 0 : c.Average(), compared?.Difference, compared?.Relative);
    }

    private static Func<SkuUnit, double> Cuped(List<SkuUnit> units, Func<SkuUnit, double> value)
    {
        var pairs = units.Where(u => u.Before is not null).Select(u => (X: value(u.Before!), Y: value(u))).ToList();
        if (pairs.Count < 3)
        {
            return value;
        }

        var (meanX, meanY) = (pairs.Average(p => p.X), pairs.Average(p => p.Y));
        var varianceX = pairs.Sum(p => (p.X - meanX) * (p.X - meanX));
        if (varianceX == 0)
        {
            return value;
        }

        var theta = pairs.Sum(p => (p.X - meanX) * (p.Y - meanY)) / varianceX;
        return u => u.Before is { } before ? value(u) - (theta * (value(before) - meanX)) : value(u);
    }

    private static KpiComparison Ratio(string kpi, List<SkuUnit> test, List<SkuUnit> control, Func<SkuUnit, (double Numerator, double Denominator)> pair)
    {
        static double Of(List<(double N, double D)> pairs) => pairs.Sum(p => p.D) is var d && d == 0 ? 0 : pairs.Sum(p => p.N) / d;
        var t = test.ConvertAll(u => pair(u));
        var c = control.ConvertAll(u => pair(u));
        var compared = ArmStatistics.RatioDifference(t, c);
        return new KpiComparison(kpi, Of(t), Of(c), compared?.Difference, compared?.Relative);
    }

    // One SKU's totals over the window: the unit of analysis.
    private sealed record SkuUnit(SkuKey Sku, ExperimentArm Arm, int Days, long Clicks, long Orders, long Returns, decimal Revenue, decimal Margin, int StockOutDays, SkuUnit? Before)
    {
        public static SkuUnit Of(SkuKey sku, ExperimentArm arm, IEnumerable<SkuDayOutcome> days, SkuUnit? before)
        {
            var list = days.ToList();
            return new SkuUnit(
                sku,
                arm,
                list.Select(d => d.Date).Distinct().Count(),
                list.Sum(d => d.Clicks),
                list.Sum(d => d.Orders),
                list.Sum(d => d.Returns),
                list.Sum(d => d.Revenue),
                list.Sum(d => d.Margin),
                list.Count(d => d.StockOut),
                before);
        }
    }
}
