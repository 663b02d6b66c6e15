using Marketpilot.Connectors.Kaspi.Api;
using Marketpilot.Connectors.Kaspi.Feed;
using Marketpilot.Connectors.Kaspi.Orders;
using Marketpilot.Connectors.Shared;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Connectors.Kaspi;

/// <summary>
/// One Kaspi.kz shop: pulls its orders as per-SKU daily orders and returns, and sets prices through the XML price list
/// the host serves for Kaspi to fetch (<see cref="IOfferFeedSource"/>).
/// </summary>
/// <remarks>
/// <para>
/// A cursor is the first day of the next page (<c>day:yyyy-MM-dd</c>, the shop's calendar). The first pull starts
/// <c>BackfillDays</c> ago; each page reads up to 7 days of orders in every state. The page that reaches today ends
/// the pull (<see cref="CatalogPage.HasMore"/> false) and hands back a cursor <c>RefreshDays</c> before today, so the
/// next sync reads those days again and returns or cancellations that happened since replace their counts.
/// </para>
/// <para>Thread-safe. Dispose it to release its HTTP connections and state files.</para>
/// </remarks>
public sealed partial class KaspiConnector : IMarketplaceConnector, IOfferFeedSource, IDisposable
{
    /// <summary>Days read per page: half of Kaspi's 14-day window, so a page stays a handful of requests.</summary>
    internal const int PageDays = 7;

    private readonly Lock _gate = new();
    private readonly KaspiShopSettings _settings;
    private readonly KaspiOrdersClient _orders;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly PriceBook _prices;
    private readonly KnownSkus _known;

    internal KaspiConnector(KaspiShopSettings settings, HttpMessageHandler? handler, TimeProvider timeProvider, ILogger logger)
    {
        _settings = settings;
        _timeProvider = timeProvider;
        _logger = logger;
        Directory.CreateDirectory(settings.StateDirectory);
        _prices = new PriceBook(settings.StateDirectory);
        _known = new KnownSkus(settings.StateDirectory);
        _orders = new KaspiOrdersClient(settings, handler, timeProvider, logger);
    }

    /// <inheritdoc />
    public string Marketplace => Marketplaces.Kaspi;

    /// <inheritdoc />
    /// <remarks>See <see cref="KaspiCapabilities.Value"/>.</remarks>
    public ConnectorCapabilities Capabilities => KaspiCapabilities.Value;

    /// <inheritdoc />
    /// <exception cref="KaspiAuthenticationException">Kaspi refused the shop's token.</exception>
    /// <exception cref="KaspiApiException">Kaspi stayed unreachable or overloaded through every retry, or answered garbage.</exception>
    /// <exception cref="ArgumentException"><paramref name="cursor"/> is not a cursor this connector returned.</exception>
    public async Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var call = MarketplaceRetryAfter.BeginCall();
        var today = Today();
        var from = cursor is null ? today.AddDays(1 - _settings.BackfillDays) : PullCursor.Parse(cursor);
        from = from > today ? today : from;
        var to = from.AddDays(PageDays) is var end && end > today.AddDays(1) ? today.AddDays(1) : end;

        var orders = await _orders.ReadOrdersAsync(StartOf(from), StartOf(to), cancellationToken).ConfigureAwait(false);
        var skus = OrderMetrics.ToSnapshots(orders, _settings.ShopId, _settings.TimeZone);
        lock (_gate)
        {
            _known.AddRange(skus.Select(s => s.Sku));
        }

        var last = to > today;
        var next = last ? today.AddDays(1 - _settings.RefreshDays) : to;
        LogPulled(_settings.ToString(), from, to.AddDays(-1), orders.Count, skus.Count);
        return new CatalogPage(skus, [], PullCursor.Format(next), HasMore: !last);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _orders.Dispose();
        lock (_gate)
        {
            _prices.Dispose();
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_timeProvider.GetUtcNow(), _settings.TimeZone).DateTime);

    private DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, _settings.TimeZone.GetUtcOffset(local));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pulled {Shop} orders {From} to {To}: {Orders} orders, {Snapshots} SKU days")]
    private partial void LogPulled(string shop, DateOnly from, DateOnly to, int orders, int snapshots);
}
