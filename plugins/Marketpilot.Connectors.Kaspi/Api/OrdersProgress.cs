namespace Marketpilot.Connectors.Kaspi.Api;

/// <summary>
/// How far a read of one window of orders got: the orders so far, and the state and page it reads next.
/// </summary>
/// <remarks>
/// A call waits for the shop's own rate limit only within its wait budget (10 s): at 4 requests a second that is about
/// 44 requests, at 1 about 11, and a busy week needs more (6 states, pages of 100). A call that ends there (the host sits
/// out the wait) leaves its progress here, and the next read of the same window goes on from it instead of starting
/// over, so such a window is read over a few calls rather than never.
/// </remarks>
/// <param name="from">The window's start.</param>
/// <param name="to">The window's end.</param>
/// <param name="startedAt">When the read began, on the shop's clock: progress older than <see cref="Lifetime"/> is read again.</param>
internal sealed class OrdersProgress(DateTimeOffset from, DateTimeOffset to, DateTimeOffset startedAt)
{
    /// <summary>How long a read's progress is gone on from; the orders' states are read again after it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public Dictionary<string, KaspiOrder> Orders { get; } = new(StringComparer.Ordinal);

    /// <summary>The index in <see cref="KaspiOrdersClient.States"/> read next.</summary>
    public int State { get; set; }

    /// <summary>The page of <see cref="State"/> read next.</summary>
    public int Page { get; set; }

    /// <summary>Whether a read of [<paramref name="windowFrom"/>, <paramref name="windowTo"/>) at <paramref name="now"/> may go on from this one.</summary>
    public bool Continues(DateTimeOffset windowFrom, DateTimeOffset windowTo, DateTimeOffset now) =>
        windowFrom == from && windowTo == to && now - startedAt < Lifetime;
}
