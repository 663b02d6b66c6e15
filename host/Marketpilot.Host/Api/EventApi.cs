using Marketpilot.Host.Ingestion;
using Marketpilot.Sdk.Events;

namespace Marketpilot.Host.Api;

/// <summary>The event route: marketplace events (orders, returns, views, stock-outs, campaign statistics) for event rules.</summary>
public static class EventApi
{
    /// <summary>Maps <c>POST /events</c> on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapEventApi(this RouteGroupBuilder api)
    {
        api.MapPost("/events", SubmitAsync)
            .WithSummary("Submit marketplace events")
            .WithDescription(
                "A JSON array of events. Rules with `@triggers: event(kind)` run on each; views wait for `event(view-without-purchase, delay)` rules. "
                + "All items are checked first; if any is invalid nothing is recorded. An event id the SKU already took is ignored, so a retried "
                + "submission proposes nothing twice. `delivered` counts the SKUs that took an event (a campaign's event goes to each SKU it covers; "
                + "a SKU with no snapshot yet takes none).")
            .Accepts<MarketplaceEvent[]>("application/json")
            .Produces<AcceptedEvents>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .PerShop();
        return api;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, SnapshotValidator validator, CatalogIngestor ingestor, ShopAccess access)
    {
        var batch = await JsonBatchReader.ReadAsync<MarketplaceEvent>(request, validator.Validate, request.HttpContext.RequestAborted);
        if (batch.Errors is not null)
        {
            return Results.ValidationProblem(batch.Errors, title: "Some events are invalid; nothing was recorded");
        }

        if (access.RefuseOtherShops(batch.Items, EventShop.Of) is { } otherShop)
        {
            return otherShop;
        }

        // Once accepted, delivery is not cut short by the client going away: nothing accepted is half-applied.
        var delivered = await ingestor.IngestAsync(batch.Items, CancellationToken.None);
        return Results.Accepted(value: new AcceptedEvents(batch.Items.Count, delivered));
    }
}

/// <summary>The answer to accepted events.</summary>
/// <param name="Accepted">How many events were accepted.</param>
/// <param name="Delivered">How many SKUs took an event (repeats and SKUs with no snapshot do not count).</param>
public sealed record AcceptedEvents(int Accepted, int Delivered);
