namespace Marketpilot.Actions.Connectors;

/// <summary>The one retry backoff of the host: the wait doubles with every failure, up to a ceiling.</summary>
public static class Backoff
{
    /// <summary>The wait after the <paramref name="failures"/>th failure in a row.</summary>
    /// <param name="failures">Failures so far, 1 for the first.</param>
    /// <param name="initial">The wait after the first failure.</param>
    /// <param name="max">The longest wait.</param>
    /// <returns><paramref name="initial"/> × 2^(failures − 1), at most <paramref name="max"/>.</returns>
    public static TimeSpan After(int failures, TimeSpan initial, TimeSpan max) =>
        TimeSpan.FromMilliseconds(Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 30))));
}
