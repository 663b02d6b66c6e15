using Marketpilot.Connectors.Wildberries.Wire;

namespace Marketpilot.Connectors.Wildberries.Pull;

/// <summary>
/// The paced parts of a <see cref="ShopOverview"/> read so far: each promotion's members and the campaigns' statistics.
/// </summary>
/// <remarks>
/// A call waits for the shop's own rate limits only within its wait budget (10 s), and an overview may need more: each
/// current promotion's members are a calendar request (5 at once, then one each 0.6 s), each 50 campaigns' statistics one
/// request a 20 s. A call that ends there (the host sits out the wait) leaves what it read here, and the next call goes on
/// from it instead of starting over, so such an overview is built over a few calls rather than never.
/// </remarks>
/// <param name="day">The shop's day the overview is for.</param>
/// <param name="startedAt">When its first part was read: the overview is as old as that.</param>
internal sealed class OverviewProgress(DateOnly day, DateTimeOffset startedAt)
{
    public DateTimeOffset StartedAt => startedAt;

    public Dictionary<long, IReadOnlyList<long>> Members { get; } = [];

    public Dictionary<long, FullStats> AdvertStats { get; } = [];

    /// <summary>Campaigns whose statistics were asked for, whether or not WB had a row for them.</summary>
    public HashSet<long> AdvertStatsAsked { get; } = [];

    /// <summary>Whether the next read may go on from this one: the same day, and young enough to pass as a fresh overview.</summary>
    public bool IsCurrent(DateOnly today, DateTimeOffset now, TimeSpan lifetime) => day == today && now - startedAt < lifetime;
}
