using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;

namespace Marketpilot.Plugins;

/// <summary>A guarded connector whose marketplace fetches a feed: the feed calls go through the same guard as pull and apply.</summary>
internal sealed class GuardedFeedConnector(
    IMarketplaceConnector inner, IOfferFeedSource feed, string marketplace, ConnectorCapabilities capabilities, PluginGuard guard)
    : GuardedConnector(inner, marketplace, capabilities, guard), IOfferFeedSource
{
    public Task<OfferFeed> BuildFeedAsync(IReadOnlyList<Sdk.Catalog.SkuSnapshot> offers, CancellationToken cancellationToken) =>
        Guard.CallAsync("build-feed", token => feed.BuildFeedAsync(offers, token), CheckFeed, cancellationToken);

    public Task FeedDeliveredAsync(OfferFeed delivered, CancellationToken cancellationToken) =>
        Guard.CallAsync<bool>(
            "feed-delivered",
            token => Delivered(delivered, token),
            _ => null,
            cancellationToken);

    private async Task<bool> Delivered(OfferFeed delivered, CancellationToken cancellationToken)
    {
        await feed.FeedDeliveredAsync(delivered, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static string? CheckFeed(OfferFeed? built) =>
        built is null ? "returned no feed (null)"
        : string.IsNullOrWhiteSpace(built.ContentType) || built.Version is null ? "returned a feed without a content type or version"
        : built.OfferCount < 0 ? "returned a feed with a negative offer count"
        : null;
}
