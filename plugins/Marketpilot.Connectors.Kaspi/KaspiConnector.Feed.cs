using System.Globalization;
using Marketpilot.Connectors.Kaspi.Feed;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Connectors.Kaspi;

public sealed partial class KaspiConnector
{
    /// <summary>The media type the host serves the price list with.</summary>
    public const string FeedContentType = "application/xml; charset=utf-8";

    /// <inheritdoc />
    /// <remarks>
    /// Writes Kaspi's XML price list: every offer of <paramref name="offers"/> (the newest snapshot of each SKU), its
    /// title as <c>model</c>, its stock at the first of <c>StoreIds</c>, and its price in whole tenge (rounded up) from
    /// the newest recorded price action, or else the snapshot. Before it returns, the list of recorded prices it carried
    /// is flushed to the state folder, so <see cref="FeedDeliveredAsync"/> works across a restart.
    /// </remarks>
    /// <exception cref="ArgumentException">A snapshot belongs to another shop.</exception>
    /// <exception cref="InvalidOperationException">
    /// There is no offer (an empty list would take every offer off sale), or an offer has no price; nothing is built.
    /// </exception>
    public Task<OfferFeed> BuildFeedAsync(IReadOnlyList<SkuSnapshot> offers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offers);
        cancellationToken.ThrowIfCancellationRequested();
        var newest = Newest(offers);
        lock (_gate)
        {
            var now = _timeProvider.GetUtcNow();
            var carried = new List<long>();
            var bases = new Dictionary<long, decimal>();
            var retired = new Dictionary<long, decimal>();
            var lines = new List<PriceListOffer>(newest.Count);
            foreach (var offer in newest)
            {
                var price = PriceOf(offer, carried, bases, retired);
                lines.Add(new PriceListOffer(offer.Sku, string.IsNullOrWhiteSpace(offer.Title) ? offer.Sku : offer.Title, price, offer.Stock));
            }

            var unpriced = lines.Where(l => l.Price <= 0).Select(l => l.Sku).ToList();
            if (unpriced.Count > 0)
            {
                throw new InvalidOperationException($"The Kaspi price list of {_settings} was not built: {unpriced.Count} offer(s) have no price (first: {unpriced[0]}), and leaving them out would take them off sale.");
            }

            var content = PriceListWriter.Write(_settings, now, lines);
            var version = string.Create(CultureInfo.InvariantCulture, $"{now:yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid():N}")[..30];
            _prices.Built(new FeedBuilt(now, version, carried, bases, retired));
            _known.AddRange(lines.Select(l => l.Sku));
            LogBuilt(_settings.ToString(), version, lines.Count, carried.Count, retired.Count);
            return Task.FromResult(new OfferFeed(FeedContentType, content, lines.Count, version));
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Every recorded price the feed carried becomes applied, and older pending prices of the same SKUs are superseded.
    /// A feed this connector did not build (or one of more than 32 builds ago) changes nothing.
    /// </remarks>
    public Task FeedDeliveredAsync(OfferFeed feed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var applied = _prices.Delivered(feed.Version, _timeProvider.GetUtcNow());
            if (applied < 0)
            {
                LogUnknownFeed(_settings.ToString(), feed.Version);
            }
            else
            {
                LogDelivered(_settings.ToString(), feed.Version, applied);
            }
        }

        return Task.CompletedTask;
    }

    private List<SkuSnapshot> Newest(IReadOnlyList<SkuSnapshot> offers)
    {
        if (offers.Count == 0)
        {
            throw new InvalidOperationException($"The Kaspi price list of {_settings} was not built: the host has no offer, and an empty list would take every offer off sale.");
        }

        var foreign = offers.FirstOrDefault(o => o is null || o.Marketplace != Marketplaces.Kaspi || o.ShopId != _settings.ShopId);
        if (foreign is not null || offers.Any(o => o is null))
        {
            throw new ArgumentException($"The price list of {_settings} was given {foreign?.Key.ToString() ?? "a null snapshot"}, which is not a SKU of this shop.", nameof(offers));
        }

        return [.. offers.GroupBy(o => o.Sku, StringComparer.Ordinal)
            .Select(g => g.OrderBy(o => o.Date ?? DateOnly.MinValue).Last())
            .OrderBy(o => o.Sku, StringComparer.Ordinal)];
    }

    private decimal PriceOf(SkuSnapshot offer, List<long> carried, Dictionary<long, decimal> bases, Dictionary<long, decimal> retired)
    {
        var snapshotPrice = WholeTenge.RoundUp(offer.Price);
        if (_prices.Overlay(offer.Sku) is not { } recorded)
        {
            return snapshotPrice;
        }

        if (recorded.BasePrice is null)
        {
            bases[recorded.Seq] = offer.Price;
        }
        else if (offer.Price != recorded.BasePrice && snapshotPrice != recorded.Price)
        {
            // The seller's own catalog posted a price since this one first went out: the seller's word is newer.
            retired[recorded.Seq] = snapshotPrice;
            return snapshotPrice;
        }

        // Only pending prices wait for a delivery; listing delivered ones would grow every ledger line with the catalog.
        if (recorded.State == RecordedPriceState.Pending)
        {
            carried.Add(recorded.Seq);
        }

        return recorded.Price;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Built the Kaspi price list {Version} of {Shop}: {Offers} offers, {Recorded} recorded prices, {Retired} overridden by the seller's catalog")]
    private partial void LogBuilt(string shop, string version, int offers, int recorded, int retired);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kaspi fetched the price list {Version} of {Shop}: {Applied} price actions applied")]
    private partial void LogDelivered(string shop, string version, int applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The host reported the price list {Version} of {Shop} delivered, but it is not one of the recent lists this connector built; nothing changes")]
    private partial void LogUnknownFeed(string shop, string version);
}
