using MathNet.Numerics.Distributions;

namespace Marketpilot.Experiments;

/// <summary>
/// The confidence intervals of a two-arm comparison whose unit is the SKU (the unit the rollout randomises):
/// Welch's t interval for a difference of per-SKU means, the delta method for ratios of sums and for relative
/// differences. Each takes one value (or one numerator and denominator) per SKU.
/// </summary>
internal static class ArmStatistics
{
    private const double Confidence = 0.95;

    private static readonly double Z = Normal.InvCDF(0, 1, 1 - ((1 - Confidence) / 2));

    /// <summary>Test − control of the means of per-SKU values, with Welch's t interval (unequal variances; Welch–Satterthwaite degrees of freedom).</summary>
    public static (Interval Difference, Interval? Relative)? MeanDifference(IReadOnlyList<double> test, IReadOnlyList<double> control)
    {
        if (test.Count < 2 || control.Count < 2)
        {
            return null;
        }

        var (mt, vt) = MeanAndVariance(test);
        var (mc, vc) = MeanAndVariance(control);
        var (at, ac) = (vt / test.Count, vc / control.Count);
        var se = Math.Sqrt(at + ac);
        var difference = mt - mc;
        if (se == 0)
        {
            return (new Interval(difference, difference, difference), Relative(mt, at, mc, ac));
        }

        var freedom = (at + ac) * (at + ac) / ((at * at / (test.Count - 1)) + (ac * ac / (control.Count - 1)));
        var t = StudentT.InvCDF(0, 1, freedom, 1 - ((1 - Confidence) / 2));
        return (new Interval(difference, difference - (t * se), difference + (t * se)), Relative(mt, at, mc, ac));
    }

    /// <summary>
    /// Test − control of Σnumerator / Σdenominator, each arm's variance by the delta method over per-SKU pairs
    /// (a ratio of sums clustered by SKU), with a normal interval.
    /// </summary>
    public static (Interval Difference, Interval? Relative)? RatioDifference(
        IReadOnlyList<(double Numerator, double Denominator)> test, IReadOnlyList<(double Numerator, double Denominator)> control)
    {
        if (test.Count < 2 || control.Count < 2 || RatioAndVariance(test) is not { } t || RatioAndVariance(control) is not { } c)
        {
            return null;
        }

        var ((rt, vt), (rc, vc)) = (t, c);
        var difference = rt - rc;
        var half = Z * Math.Sqrt(vt + vc);
        return (new Interval(difference, difference - half, difference + half), Relative(rt, vt, rc, vc));
    }

    // (estimate t − estimate c) / estimate c by the delta method, from each estimate's variance.
    private static Interval? Relative(double test, double testVariance, double control, double controlVariance)
    {
        if (control == 0)
        {
            return null;
        }

        var relative = (test - control) / control;
        var variance = (testVariance / (control * control)) + (test * test * controlVariance / Math.Pow(control, 4));
        var half = Z * Math.Sqrt(variance);
        return new Interval(relative, relative - half, relative + half);
    }

    private static (double Ratio, double Variance)? RatioAndVariance(IReadOnlyList<(double Numerator, double Denominator)> pairs)
    {
        var n = pairs.Count;
        var meanY = pairs.Average(p => p.Numerator);
        var meanX = pairs.Average(p => p.Denominator);
        if (meanX == 0)
        {
            return null;
        }

        var ratio = meanY / meanX;
        double syy = 0, sxx = 0, sxy = 0;
        foreach (var (y, x) in pairs)
        {
            syy += (y - meanY) * (y - meanY);
            sxx += (x - meanX) * (x - meanX);
            sxy += (y - meanY) * (x - meanX);
        }

        // Var(ȳ/x̄) ≈ (s²y − 2R·sxy + R²·s²x) / (n·x̄²), sample (co)variances with n − 1.
        var variance = ((syy - (2 * ratio * sxy) + (ratio * ratio * sxx)) / (n - 1)) / (n * meanX * meanX);
        return (ratio, Math.Max(0, variance));
    }

    private static (double Mean, double Variance) MeanAndVariance(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var squares = values.Sum(v => (v - mean) * (v - mean));
        return (mean, squares / (values.Count - 1));
    }
}
