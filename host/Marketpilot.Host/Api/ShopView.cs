using Marketpilot.Plugins;
using Marketpilot.Plugins.Shops;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;

namespace Marketpilot.Host.Api;

/// <summary>A configured shop as <c>GET /api/v1/shops</c> shows it; credential values are never in it.</summary>
/// <param name="Marketplace">The marketplace id.</param>
/// <param name="ShopId">The shop id.</param>
/// <param name="Connector">The id of the plugin that serves the shop; <see langword="null"/> when none was found.</param>
/// <param name="Status"><c>ready</c> or <c>failed</c>.</param>
/// <param name="Reason">Why the shop failed; <see langword="null"/> when it is ready.</param>
/// <param name="Currency">The ISO 4217 currency of its prices.</param>
/// <param name="TimeZone">The IANA time zone of its calendar.</param>
/// <param name="Settings">Its non-secret connector settings, key path → value.</param>
/// <param name="Credentials">Its credential key paths, each value shown as <c>***</c>.</param>
/// <param name="Capabilities">What its connector can do; <see langword="null"/> when it failed.</param>
/// <param name="ServesFeed">Whether the marketplace fetches the shop's offers from a feed the host serves.</param>
/// <param name="Sync">Whether and how often the host pulls from it.</param>
/// <param name="Breaker">
/// The shop's own circuit breaker: <c>closed</c>, or <c>open</c> (<c>halfOpen</c> while one trial call runs) after its
/// calls failed too often, with the reason (secrets masked) and when the host tries again; its plugin and the plugin's
/// other shops run on. <see langword="null"/> when the shop has no connector.
/// </param>
public sealed record ShopView(
    string Marketplace,
    string ShopId,
    string? Connector,
    string Status,
    string? Reason,
    string Currency,
    string TimeZone,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, string> Credentials,
    ConnectorCapabilities? Capabilities,
    bool ServesFeed,
    ShopSyncView Sync,
    BreakerState? Breaker)
{
    /// <summary>The view of <paramref name="shop"/>.</summary>
    /// <param name="shop">A configured shop.</param>
    /// <param name="defaultPollIntervalMilliseconds"><c>Marketpilot:Sync:PollIntervalMilliseconds</c>, for a shop without its own.</param>
    /// <param name="syncEnabled"><c>Marketpilot:Sync:Enabled</c>.</param>
    /// <returns>The view.</returns>
    public static ShopView Of(ConfiguredShop shop, int defaultPollIntervalMilliseconds, bool syncEnabled)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var definition = shop.Definition;
        return new ShopView(
            definition.Marketplace,
            definition.ShopId,
            shop.PluginId,
            shop.Ready ? "ready" : "failed",
            shop.FailureReason,
            definition.Currency,
            definition.TimeZone,
            new SortedDictionary<string, string>(
                definition.Settings.AsEnumerable(makePathsRelative: true).Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal),
                StringComparer.Ordinal),
            SecretMask.MaskedKeys(definition.Credentials),
            shop.Connector?.Capabilities,
            shop.Connector is IOfferFeedSource,
            new ShopSyncView(syncEnabled && definition.SyncEnabled && shop.Ready, definition.PollIntervalMilliseconds ?? defaultPollIntervalMilliseconds),
            shop.Breaker);
    }
}

/// <summary>A shop's sync schedule.</summary>
/// <param name="Enabled">Whether the host pulls from the shop's connector now.</param>
/// <param name="PollIntervalMilliseconds">How long it waits between pulls once the connector has nothing new.</param>
public sealed record ShopSyncView(bool Enabled, int PollIntervalMilliseconds);
