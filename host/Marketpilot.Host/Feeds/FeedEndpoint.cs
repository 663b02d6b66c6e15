using Marketpilot.Actions.Connectors;
using Marketpilot.Grains.Feeds;
using Marketpilot.Host.Alerts;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Plugins;
using Marketpilot.Plugins.Shops;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Feeds;

/// <summary>
/// <c>GET /feeds/{marketplace}/{shopId}.xml?token=…</c>: the offer feed of a shop whose connector is an
/// <see cref="IOfferFeedSource"/> (Kaspi's XML price list). Outside <c>/api</c>: the marketplace fetches it and cannot
/// send an API key, so the shop's <c>Credentials:FeedToken</c> guards it; a wrong or missing token, an unknown shop or
/// one without a feed all answer 404, telling a prober nothing. The feed is never served empty or partial: a build
/// that fails, or one that lists far fewer offers than the last feed served (<see cref="FeedOptions.MaxDropShare"/>),
/// answers 503 and the marketplace keeps its last copy.
/// </summary>
public sealed partial class FeedEndpoint(
    ConnectorDirectory directory,
    ShopOffers offers,
    IGrainFactory grains,
    OperatorAlert alert,
    IOptions<FeedOptions> options,
    ILogger<FeedEndpoint> logger)
{
    /// <summary>Serves one shop's feed.</summary>
    /// <param name="context">The request.</param>
    /// <param name="marketplace">The marketplace id from the path.</param>
    /// <param name="shopId">The shop id from the path.</param>
    /// <param name="token">The <c>token</c> query parameter.</param>
    /// <returns>A task that completes when the response was written.</returns>
    public async Task ServeAsync(HttpContext context, string marketplace, string shopId, string? token)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.RequestAborted;
        var shop = directory.FindShop(marketplace, shopId);
        if (shop?.Connector is not IOfferFeedSource source || !FeedToken.Matches(token, shop.Definition.Credentials[FeedToken.CredentialKey]))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var key = shop.Definition.Key;
        OfferFeed feed;
        try
        {
            var current = await offers.ReadAsync(shop.Definition.Marketplace, shop.Definition.ShopId, cancellationToken);
            feed = await directory.CallAsync(shop.Connector, t => source.BuildFeedAsync(current, t), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogBuildFailed(ex, key, SecretMask.Scrub(ex.Message, shop.Definition.Credentials));
            Unavailable(context);
            return;
        }

        var history = grains.GetGrain<IFeedHistoryGrain>(key);
        if (await history.GetLastOfferCountAsync() is { } last && feed.OfferCount < Minimum(last))
        {
            await RefuseAsync(shop.Definition, history, feed.OfferCount, last, cancellationToken);
            Unavailable(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = feed.ContentType;
        context.Response.ContentLength = feed.Content.Length;
        await context.Response.Body.WriteAsync(feed.Content, cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);

        // Written in full: from now on this is the feed the marketplace has.
        await history.RecordServedAsync(feed.OfferCount);
        LogServed(key, feed.OfferCount, feed.Version);
        try
        {
            await directory.CallAsync(shop.Connector, async t =>
            {
                await source.FeedDeliveredAsync(feed, t);
                return true;
            }, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogDeliveredFailed(ex, key, feed.Version);
        }
    }

    private int Minimum(int last) => (int)Math.Ceiling(last * (1 - options.Value.MaxDropShare));

    private async Task RefuseAsync(ShopDefinition shop, IFeedHistoryGrain history, int count, int last, CancellationToken cancellationToken)
    {
        LogRefused(shop.Key, count, last, options.Value.MaxDropShare);
        if (await history.RecordRefusedAsync(count))
        {
            var message = $"The offer feed of shop {shop.Key} was not served: it lists {count} offers, the last feed served listed {last} "
                + $"(at most {options.Value.MaxDropShare:P0} may drop at once). The marketplace keeps the last feed until this is resolved.";
            // Posted, not sent: the marketplace's request must not wait on the notification channels.
            alert.Post(new SkuKey(shop.Marketplace, shop.ShopId, "feed"), OperatorAlert.Operator, $"feed-refused:{shop.Key}:{last}:{count}", message);
        }
    }

    private static void Unavailable(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "60";
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Building the offer feed of shop {Shop} failed; answered 503 so the marketplace keeps its last feed: {Reason}")]
    private partial void LogBuildFailed(Exception exception, string shop, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refused the offer feed of shop {Shop}: it lists {Count} offers, the last one served listed {Last}, more than the allowed drop of {MaxDropShare}")]
    private partial void LogRefused(string shop, int count, int last, double maxDropShare);

    [LoggerMessage(Level = LogLevel.Information, Message = "Served the offer feed of shop {Shop}: {Count} offers, version {Version}")]
    private partial void LogServed(string shop, int count, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connector of shop {Shop} failed to record the delivery of feed {Version}")]
    private partial void LogDeliveredFailed(Exception exception, string shop, string version);
}
