using System.Globalization;
using System.Net.Http.Headers;

namespace Marketpilot.Connectors.Shared;

/// <summary>The wait a marketplace asks for before the next request, and how much of it a connector waits within one call.</summary>
internal static class MarketplaceRetryAfter
{
    /// <summary>
    /// The longest wait a connector sits out within a call: well under the host's plugin-call deadline (30 s by default),
    /// so that the wait and the attempt after it end inside it (a call that outlives the deadline is abandoned and counted
    /// against the shop's circuit breaker). A marketplace that asks for more gets no retry in that call: the connector
    /// throws <see cref="Sdk.Connectors.MarketplaceRateLimitedException"/> with the wait, and the host sits it out on its
    /// own backoff (the sync loop's, the outbox's) without counting it as a failure.
    /// </summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    // Beyond any wait worth telling apart, and far inside what a TimeSpan or a timer holds.
    private static readonly TimeSpan Longest = TimeSpan.FromDays(365);

    /// <summary>The wait <c>Retry-After</c> asks for (seconds, or a date: one in the past asks for none).</summary>
    /// <param name="header">The header, as .NET parsed it; a value it could not parse (a negative number) is none.</param>
    /// <param name="now">The time now.</param>
    /// <returns>The wait, or <see langword="null"/> when the header is absent.</returns>
    public static TimeSpan? Read(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => Bounded(delta),
        { Date: { } date } => Bounded(date - now),
        _ => null,
    };

    /// <summary>A wait given as a number of seconds, as in a marketplace's own header (Wildberries' <c>X-Ratelimit-Retry</c>).</summary>
    /// <param name="text">The header's value.</param>
    /// <returns>The wait (at most a year: a longer one means the same), or <see langword="null"/> when the text is not a number of seconds.</returns>
    public static TimeSpan? FromSeconds(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(Math.Min(seconds, Longest.TotalSeconds))
            : null;

    private static TimeSpan Bounded(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait > Longest ? Longest : wait;

    /// <summary>Whether the connector waits <paramref name="wait"/> and sends again within the call.</summary>
    /// <param name="wait">The wait asked for, or <see langword="null"/> when none was.</param>
    /// <param name="maxWait">The longest wait; <see cref="MaxWait"/> unless a connector's tests shorten it.</param>
    public static bool IsWaitedOut(TimeSpan? wait, TimeSpan? maxWait = null) => wait is null || wait <= (maxWait ?? MaxWait);
}
