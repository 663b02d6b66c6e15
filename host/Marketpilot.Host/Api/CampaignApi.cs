using Marketpilot.Grains;
using Marketpilot.Grains.Campaigns;
using Marketpilot.Host.Ingestion;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Host.Api;

/// <summary>The campaign routes: submit snapshots, read a campaign's state.</summary>
public static class CampaignApi
{
    /// <summary>Maps <c>POST /campaigns</c> and <c>GET /campaigns/{marketplace}/{shopId}/{campaignId}</c> on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapCampaignApi(this RouteGroupBuilder api)
    {
        api.MapPost("/campaigns", SubmitAsync)
            .WithSummary("Submit campaign snapshots")
            .WithDescription("A JSON array of campaign snapshots (ads, promotions, coupons). All items are checked first; if any is invalid nothing is recorded.")
            .Accepts<CampaignSnapshot[]>("application/json")
            .Produces<AcceptedItems>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .PerShop();
        api.MapGet("/campaigns/{marketplace}/{shopId}/{campaignId}", GetAsync)
            .WithSummary("Read a campaign's state and history")
            .Produces<CampaignView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .PerShop();
        return api;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, SnapshotValidator validator, CatalogIngestor ingestor, ShopAccess access, CancellationToken cancellationToken)
    {
        var batch = await JsonBatchReader.ReadAsync<CampaignSnapshot>(request, validator.Validate, cancellationToken);
        var errors = batch.Errors ?? SkuApi.Duplicates(batch.Items, c => (c.Key, c.Date));
        if (errors is not null)
        {
            return Results.ValidationProblem(errors, title: "Some campaign snapshots are invalid; nothing was recorded");
        }

        if (access.RefuseOtherShops(batch.Items, c => (c.Marketplace, c.ShopId)) is { } otherShop)
        {
            return otherShop;
        }

        var accepted = await ingestor.IngestAsync(batch.Items, CancellationToken.None);
        return Results.Accepted(value: new AcceptedItems(accepted));
    }

    private static async Task<IResult> GetAsync(string marketplace, string shopId, string campaignId, IGrainFactory grains, ShopAccess access)
    {
        var view = !access.CanSee(marketplace, shopId) ? null : await grains.GetGrain<ICampaignGrain>(GrainKeys.For(new CampaignKey(marketplace, shopId, campaignId))).GetAsync();
        return view is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Campaign not found", detail: $"Nothing was ever recorded for {marketplace}/{shopId}/{campaignId}.")
            : Results.Ok(view);
    }
}
