using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Sdk.Shops;

/// <summary>
/// Implemented, next to <see cref="Connectors.IMarketplaceConnector"/>, by a connector whose marketplace takes prices
/// and stock from a feed it fetches from the seller (Kaspi.kz's XML price list) rather than from an API call. The host
/// serves the feed of each such shop at a secret URL and builds it through this interface from its current state.
/// </summary>
/// <remarks>
/// A price action on such a shop is applied when a feed that carries it has been fetched: the connector records the
/// price in <see cref="Connectors.IMarketplaceConnector.ApplyAsync"/>, puts it in every feed it builds from then on,
/// and reports the action applied once <see cref="FeedDeliveredAsync"/> told it a feed carrying it went out.
/// </remarks>
public interface IOfferFeedSource
{
    /// <summary>Builds the whole feed of the shop.</summary>
    /// <param name="offers">The host's current snapshot of every SKU of the shop.</param>
    /// <param name="cancellationToken">Cancelled when the request is abandoned or the call times out.</param>
    /// <returns>The feed: every offer, with the prices of the price actions recorded for it.</returns>
    Task<OfferFeed> BuildFeedAsync(IReadOnlyList<SkuSnapshot> offers, CancellationToken cancellationToken);

    /// <summary>Tells the connector that <paramref name="feed"/> was sent in full to the marketplace.</summary>
    /// <param name="feed">A feed <see cref="BuildFeedAsync"/> returned.</param>
    /// <param name="cancellationToken">Cancelled when the host stops or the call times out.</param>
    /// <returns>A task that completes when the connector recorded the delivery.</returns>
    Task FeedDeliveredAsync(OfferFeed feed, CancellationToken cancellationToken);
}

/// <summary>A feed document built by <see cref="IOfferFeedSource.BuildFeedAsync"/>.</summary>
/// <param name="ContentType">The media type to serve it with, for example <c>application/xml; charset=utf-8</c>.</param>
/// <param name="Content">The document's bytes.</param>
/// <param name="OfferCount">How many offers it lists; the host refuses to serve a feed that lists far fewer than the last one.</param>
/// <param name="Version">Identifies this build, so <see cref="IOfferFeedSource.FeedDeliveredAsync"/> knows which prices went out.</param>
public sealed record OfferFeed(string ContentType, ReadOnlyMemory<byte> Content, int OfferCount, string Version);
