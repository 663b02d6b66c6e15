using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Actions.Connectors;

/// <summary>
/// The one retry backoff of the host: the wait doubles with every failure, up to a ceiling, and is never shorter than
/// the wait a marketplace asked for (<see cref="MarketplaceRateLimitedException"/>).
/// </summary>
public static class Backoff
{
    /// <summary>
    /// The longest wait a marketplace may ask for: a plugin's exception is not trusted further (a wait of
    /// <see cref="TimeSpan.MaxValue"/> would overflow the next attempt's time and stop the loop that computed it).
    /// </summary>
    public static readonly TimeSpan MaxAskedFor = TimeSpan.FromDays(1);

    /// <summary>The wait after the <paramref name="failures"/>th failure in a row.</summary>
    /// <param name="failures">Failures so far, 1 for the first.</param>
    /// <param name="initial">The wait after the first failure.</param>
    /// <param name="max">The longest wait the host chooses by itself.</param>
    /// <param name="askedFor">The wait the marketplace asked for, if it did (<see cref="AskedFor"/>); honoured even past <paramref name="max"/>, up to <see cref="MaxAskedFor"/>.</param>
    /// <returns><paramref name="initial"/> × 2^(failures − 1), at most <paramref name="max"/>; at least <paramref name="askedFor"/> (at most <see cref="MaxAskedFor"/>).</returns>
    public static TimeSpan After(int failures, TimeSpan initial, TimeSpan max, TimeSpan? askedFor = null)
    {
        var chosen = TimeSpan.FromMilliseconds(Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 30))));
        var asked = askedFor > MaxAskedFor ? MaxAskedFor : askedFor;
        return asked > chosen ? asked.Value : chosen;
    }

    /// <summary>The wait the marketplace asked for, when <paramref name="failure"/> is a <see cref="MarketplaceRateLimitedException"/>.</summary>
    /// <param name="failure">What a connector call threw.</param>
    /// <returns>The wait, or <see langword="null"/>.</returns>
    public static TimeSpan? AskedFor(Exception failure) => failure is MarketplaceRateLimitedException limited ? limited.RetryAfter : null;
}
