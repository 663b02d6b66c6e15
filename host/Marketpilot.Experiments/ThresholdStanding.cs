namespace Marketpilot.Experiments;

/// <summary>How far a rule's experiment is from one of its emergency thresholds.</summary>
/// <param name="Name">The threshold (<c>margin-drop</c>, <c>orders-drop</c>, <c>returns-above</c>).</param>
/// <param name="Threshold">The threshold, in <paramref name="Unit"/>.</param>
/// <param name="Current">The harm measured so far, in <paramref name="Unit"/>; <see langword="null"/> without an estimate.</param>
/// <param name="Unit"><c>pt</c> (percentage points) or <c>%</c>.</param>
public sealed record ThresholdStanding(string Name, double Threshold, double? Current, string Unit)
{
    /// <summary>The measured harm as a share of the threshold (1 reaches it); 0 when nothing is measured or it goes the other way.</summary>
    public double Share => Current is { } current && Threshold > 0 ? Math.Max(0, current / Threshold) : 0;
}
