using Marketpilot.Emulators.Hosting;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Shops;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Marketpilot.Connectors.Kaspi.Tests.Support;

/// <summary>
/// What the host does for a feed shop, in miniature: serves the price list at a secret URL, built on each GET from the
/// current snapshots, and reports it delivered once the body was written in full. Its <see cref="LoopbackEmulator.Faults"/>
/// make the host misbehave towards Kaspi's fetcher.
/// </summary>
public sealed class FeedServer(Func<IOfferFeedSource> source, Func<IReadOnlyList<SkuSnapshot>> offers) : LoopbackEmulator
{
    private readonly string _secret = Guid.NewGuid().ToString("N");

    public Uri FeedUrl => new(BaseAddress, $"feeds/{_secret}.xml");

    protected override void MapRoutes(WebApplication app) => app.MapGet("/feeds/{secret}.xml", async (string secret, HttpContext context) =>
    {
        if (secret != _secret)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var feed = await source().BuildFeedAsync(offers(), context.RequestAborted);
        context.Response.ContentType = feed.ContentType;
        await context.Response.Body.WriteAsync(feed.Content, context.RequestAborted);
        await context.Response.CompleteAsync();
        await source().FeedDeliveredAsync(feed, CancellationToken.None);
    });
}
