using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Experiments.Tests;

public sealed class ExperimentReportTests
{
    private const string RuleId = "price-cut";
    private static readonly DateOnly From = new(2026, 11, 1);
    private static readonly DateOnly To = From.AddDays(13);
    private static readonly Rollout Half = Rollout.Parse("50%");

    [Fact]
    public void ARuleThatCutsMarginShowsALossWhoseIntervalExcludesZero()
    {
        var skus = Skus(60);
        var outcomes = skus.SelectMany(sku => Days(sku, (day, random) =>
        {
            // Every SKU sells about 5 a day at a margin of 10 each; the test arm's price cut leaves 4 each.
            var orders = 4 + random.Next(3);
            var margin = Half.ArmOf(RuleId, sku) == ExperimentArm.Test ? 4m : 10m;
            return new SkuDayOutcome(sku, day, 100, orders, 0, orders * 50m, orders * margin, false);
        })).ToList();

        var report = ExperimentReport.Build(RuleId, Half, outcomes, [], From, To);

        var marginKpi = report.Kpis.Single(k => k.Kpi == KpiNames.Margin);
        Assert.True(report.EnoughData);
        Assert.Equal(60, report.Test.Skus + report.Control.Skus);
        Assert.Equal(14L * report.Test.Skus, report.Test.SkuDays);
        Assert.True(marginKpi.Difference!.High < 0, $"the margin loss is significant: {marginKpi.Difference}");
        Assert.InRange(marginKpi.Difference.Value, -36, -24);
        Assert.Equal(marginKpi.Difference.Value * report.Test.SkuDays, report.IncrementalMargin!.Value, 6);
        Assert.True(report.IncrementalMargin.High < 0);
    }

    [Fact]
    public void EachSkusPreperiodNarrowsTheIntervalWithoutMovingTheEstimate()
    {
        // SKUs differ a hundredfold in size; the rule takes 10% of the test arm's margin. Across SKUs that is noise, but
        // against each SKU's own pre-period it is plain.
        var skus = Skus(60);
        var outcomes = skus.SelectMany(sku =>
        {
            var size = 1 + (int.Parse(sku.Sku.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture) * 7 % 100);
            var test = Half.ArmOf(RuleId, sku) == ExperimentArm.Test;
            return Days(sku, (day, random) =>
            {
                var margin = size * 10m * (day >= From && test ? 0.9m : 1m) * (decimal)(0.95 + (random.NextDouble() * 0.1));
                return new SkuDayOutcome(sku, day, 100, size, 0, margin * 3, margin, false);
            }, extraDays: 20);
        }).ToList();

        var adjusted = ExperimentReport.Build(RuleId, Half, outcomes, [], From, To).Kpis.Single(k => k.Kpi == KpiNames.Margin);
        var raw = ExperimentReport.Build(RuleId, Half, outcomes.Where(o => o.Date >= From), [], From, To).Kpis.Single(k => k.Kpi == KpiNames.Margin);

        Assert.False(raw.Difference!.ExcludesZero, $"without a pre-period the loss drowns in the SKUs' sizes: {raw.Difference}");
        Assert.True(adjusted.Difference!.High < 0, $"with it the loss is significant: {adjusted.Difference}");
        Assert.True(adjusted.Difference.High - adjusted.Difference.Low < (raw.Difference.High - raw.Difference.Low) / 5);
        Assert.Equal(raw.Test - raw.Control, raw.Difference.Value, 6);
    }

    [Fact]
    public void ArmsWithNoRealDifferenceGiveIntervalsAroundZero()
    {
        var outcomes = Skus(80).SelectMany(sku => Days(sku, (day, random) =>
        {
            var clicks = 80 + random.Next(40);
            var orders = random.Next(8);
            return new SkuDayOutcome(sku, day, clicks, orders, random.Next(2), orders * 30m, orders * 6m, random.Next(20) == 0);
        })).ToList();

        var report = ExperimentReport.Build(RuleId, Half, outcomes, [], From, To);

        Assert.All(report.Kpis, k => Assert.True(k.Difference!.Low < 0 && k.Difference.High > 0, $"{k.Kpi}: {k.Difference}"));
        Assert.Equal((double)report.Test.Orders / report.Test.Clicks, report.Kpis.Single(k => k.Kpi == KpiNames.Conversion).Test, 9);
    }

    [Fact]
    public void AnActionKindIsComparedBetweenTheSkusWhereItTookEffectInEachArm()
    {
        var skus = Skus(40);
        var treated = skus.Where((_, i) => i % 2 == 0).ToHashSet();
        var outcomes = skus.SelectMany(sku => Days(sku, (day, random) =>
        {
            var lifted = treated.Contains(sku) && Half.ArmOf(RuleId, sku) == ExperimentArm.Test;
            return new SkuDayOutcome(sku, day, 100, 5, 0, 250m, lifted ? 60m : 40m + random.Next(3), false);
        })).ToList();
        var actions = treated.Select(sku => new ArmAction(sku, ActionKind.SetPrice, Half.ArmOf(RuleId, sku), TookEffect: true))
            .Append(new ArmAction(skus[1], ActionKind.CreateCoupon, Half.ArmOf(RuleId, skus[1]), TookEffect: false))
            .ToList();

        var report = ExperimentReport.Build(RuleId, Half, outcomes, actions, From, To);

        var effect = Assert.Single(report.Actions);
        Assert.Equal(ActionKind.SetPrice, effect.Kind);
        Assert.Equal(treated.Count, effect.TestSkus + effect.ControlSkus);
        Assert.InRange(effect.MarginPerSkuDay.Difference!.Value, 17, 21);
        Assert.True(effect.IncrementalMargin!.Low > 0);
    }

    [Fact]
    public void DaysOutsideTheWindowAreIgnoredAndFewSkusAreNotEnoughData()
    {
        var skus = Skus(6);
        var outcomes = skus.SelectMany(sku => Days(sku, (day, _) => new SkuDayOutcome(sku, day, 10, 1, 0, 10m, 2m, false), extraDays: 5)).ToList();

        var report = ExperimentReport.Build(RuleId, Half, outcomes, [], From, To);

        Assert.False(report.EnoughData);
        Assert.Equal(14L * 6, report.Test.SkuDays + report.Control.SkuDays);
        Assert.Throws<ArgumentException>(() => ExperimentReport.Build(RuleId, Half, outcomes, [], To, From));
    }

    private static List<SkuKey> Skus(int count) => [.. Enumerable.Range(0, count).Select(i => new SkuKey("simulator", "demo", $"SKU-{i:000}"))];

    private static IEnumerable<SkuDayOutcome> Days(SkuKey sku, Func<DateOnly, Random, SkuDayOutcome> day, int extraDays = 0)
    {
        var random = new Random(int.Parse(sku.Sku.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture));
        for (var d = -extraDays; d <= To.DayNumber - From.DayNumber + extraDays; d++)
        {
            yield return day(From.AddDays(d), random);
        }
    }
}
