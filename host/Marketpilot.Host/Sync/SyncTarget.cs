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
