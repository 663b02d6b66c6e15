using System.Globalization;
using System.Net.Http.Headers;

namespace Marketpilot.Connectors.Shared;

/// <summary>The wait a marketplace asks for before the next request, and how much of it a connector waits within one call.</summary>
/// <remarks>
/// The waits a marketplace asks for are sat out against one budget per call into the connector (<see cref="BeginCall"/>),
/// not per wait: a marketplace that answers <c>Retry-After: 9</c> five times in a row would otherwise hold one call 45 s,
/// past the host's plugin-call deadline, and the call would be abandoned and counted against the shop's circuit breaker
/// although the marketplace only asked the connector to slow down.
/// </remarks>
internal static class MarketplaceRetryAfter
{
    /// <summary>
    /// The most a connector sits out, in total, of the waits the marketplace asks for within one call. The arithmetic
    /// against the host's plugin-call deadline (30 s by default): at most 10 s of asked waits per call; on top of them,
    /// the retries' own backoff on answers that ask for no wait (5xx, a timeout, a 429 without one), about
    /// 1+2+4+8 = 15 s for Ozon's 4 retries and 0.5+1+2+4+8 = 15.5 s for the 5 of Wildberries and Kaspi, with jitter, per
    /// request; and each attempt's own time, up to its timeout (30 s by default in all three). So a marketplace that
    /// answers at once and asks for a wait every time, after every retry of every request, ends the call within 10 s and
    /// its answers' time; one request whose retries mix asked waits and failures ends within about 10 + 15.5 s. What still
    /// reaches the deadline is a marketplace that fails or hangs, which is a failure the breaker rightly counts. When the
    /// next asked wait does not fit in what is left, the connector does not retry: it throws
    /// <see cref="Sdk.Connectors.MarketplaceRateLimitedException"/> with that wait, and the host sits it out on its own
    /// backoff (the sync loop's, the outbox's) without counting it as a failure.
    /// </summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    // Beyond any wait worth telling apart, and far inside what a TimeSpan or a timer holds.
    private static readonly TimeSpan Longest = TimeSpan.FromDays(365);

    // The budget of the outermost call in progress on this async flow; the retry pipelines' callbacks run on it too.
    private static readonly AsyncLocal<CallBudget?> Current = new();

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

    /// <summary>
    /// Opens the budget of <see cref="MaxWait"/> for a call into the connector, unless a call is already open on this async
    /// flow, whose budget it then shares. Each public call of a connector opens one, and so does each request it sends, so
    /// every request of one call draws on the same budget and a request sent outside one still has its own.
    /// </summary>
    /// <returns>Closes the budget this opened; nothing when it joined an open one.</returns>
    public static IDisposable BeginCall()
    {
        if (Current.Value is not null)
        {
            return NoScope.Instance;
        }

        Current.Value = new CallBudget(MaxWait);
        return new Scope();
    }

    /// <summary>
    /// Whether the connector waits <paramref name="wait"/> and sends again within the call: no wait was asked, or it fits
    /// in what is left of the call's budget. Read in a retry pipeline's <c>ShouldHandle</c>, and again after the retries to
    /// tell an answer to leave to the host (<see langword="false"/>) from one that kept failing.
    /// </summary>
    /// <param name="wait">The wait asked for, or <see langword="null"/> when none was.</param>
    /// <exception cref="InvalidOperationException">No call is open (<see cref="BeginCall"/>).</exception>
    public static bool IsWaitedOut(TimeSpan? wait) => wait is not { } asked || asked <= Open.Left;

    /// <summary>Takes an asked wait the connector is about to sit out from the call's budget: call it from the retry's <c>OnRetry</c>.</summary>
    /// <param name="wait">The wait asked for, or <see langword="null"/> when none was (the retry's own backoff, which is not counted).</param>
    /// <exception cref="InvalidOperationException">No call is open (<see cref="BeginCall"/>).</exception>
    public static void SittingOut(TimeSpan? wait)
    {
        if (wait is { } asked)
        {
            Open.Take(asked);
        }
    }

    private static CallBudget Open => Current.Value
        ?? throw new InvalidOperationException("A connector asked for its call's wait budget outside a call: open one with MarketplaceRetryAfter.BeginCall around the request.");

    // A call's requests run one after another, so the budget is read and taken without a race; requests a call ever sent
    // in parallel would wait at the same time, so taking each wait whole never lets the call run longer than the budget.
    private sealed class CallBudget(TimeSpan budget)
    {
        private long _leftTicks = budget.Ticks;

        public TimeSpan Left => TimeSpan.FromTicks(Interlocked.Read(ref _leftTicks));

        public void Take(TimeSpan wait) => Interlocked.Add(ref _leftTicks, -wait.Ticks);
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose() => Current.Value = null;
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();

        public void Dispose()
        {
        }
    }
}
