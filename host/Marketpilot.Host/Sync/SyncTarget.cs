using Marketpilot.Actions.Connectors;

namespace Marketpilot.Host.Sync;

/// <summary>One sync loop: a configured shop, or a marketplace-wide connector (<see cref="ShopId"/> <see langword="null"/>).</summary>
/// <param name="Marketplace">The marketplace id, lower case.</param>
/// <param name="ShopId">The configured shop; <see langword="null"/> for a marketplace-wide connector such as the simulator.</param>
/// <param name="PollInterval">How long to wait once the connector has nothing new.</param>
internal sealed record SyncTarget(string Marketplace, string? ShopId, TimeSpan PollInterval)
{
    /// <summary>The loop's name and its cursor grain's key: <c>&lt;marketplace&gt;</c> or <c>&lt;marketplace&gt;/&lt;shopId&gt;</c>.</summary>
    public string Key => ShopId is null ? Marketplace : $"{Marketplace}/{ShopId}";

    /// <summary>How often a silo that does not hold the loop's lease asks for it again.</summary>
    public TimeSpan LeaseCheckInterval => PollInterval < MaxLeaseCheckInterval ? PollInterval : MaxLeaseCheckInterval;

    private static readonly TimeSpan MaxLeaseCheckInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the loop's lease lasts unrenewed: the holder renews it before every pull, so it covers one wait between
    /// pulls and a pull at its deadline twice over, and a live holder never loses it. A dead holder's lease passes on as
    /// soon as the membership declares its silo dead, or at the latest when it ends.
    /// </summary>
    /// <param name="callTimeout">The plugin-call deadline a pull runs under.</param>
    public TimeSpan LeaseDuration(TimeSpan callTimeout) => PollInterval + (2 * callTimeout) + TimeSpan.FromSeconds(15);

    /// <summary>Every loop that should run now: each ready configured shop whose sync is on, and each marketplace-wide connector.</summary>
    public static IEnumerable<SyncTarget> All(ConnectorDirectory directory, SyncOptions options)
    {
        var interval = TimeSpan.FromMilliseconds(options.PollIntervalMilliseconds);
        foreach (var shop in directory.Shops.Where(s => s.Ready && s.Definition.SyncEnabled))
        {
            var own = shop.Definition.PollIntervalMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : interval;
            yield return new SyncTarget(shop.Definition.Marketplace, shop.Definition.ShopId, own);
        }

        foreach (var marketplace in directory.Connectors.Select(c => c.Marketplace.ToLowerInvariant()).Distinct(StringComparer.Ordinal))
        {
            yield return new SyncTarget(marketplace, null, interval);
        }
    }

    /// <summary>Whether a pulled item belongs to this loop: its marketplace, and its shop when the loop is a shop's.</summary>
    public bool Owns(string? marketplace, string? shopId) =>
        string.Equals(marketplace, Marketplace, StringComparison.OrdinalIgnoreCase)
        && (ShopId is null || string.Equals(shopId, ShopId, StringComparison.Ordinal));
}
