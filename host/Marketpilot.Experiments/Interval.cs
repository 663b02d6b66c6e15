namespace Marketpilot.Experiments;

/// <summary>An estimate with its 95% confidence interval.</summary>
/// <param name="Value">The point estimate.</param>
/// <param name="Low">The lower bound.</param>
/// <param name="High">The upper bound.</param>
public sealed record Interval(double Value, double Low, double High)
{
    /// <summary>Whether the interval lies wholly above or wholly below zero: the difference is statistically significant at 5%.</summary>
    public bool ExcludesZero => Low > 0 || High < 0;

    /// <summary>The interval scaled by <paramref name="factor"/> (a positive factor keeps the order of the bounds).</summary>
    /// <param name="factor">The factor.</param>
    /// <returns>The scaled interval.</returns>
    public Interval Times(double factor) => factor >= 0
        ? new Interval(Value * factor, Low * factor, High * factor)
        : new Interval(Value * factor, High * factor, Low * factor);
}
