using Marketpilot.Actions.Guardrails;
using Marketpilot.Host.Ingestion;

namespace Marketpilot.Host.Api;

/// <summary>The shop guardrail routes: read and change the limits every action of a shop passes.</summary>
public static class GuardrailApi
{
    /// <summary>Maps <c>GET</c> and <c>PUT /shops/{marketplace}/{shopId}/guardrails</c> on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapGuardrailApi(this RouteGroupBuilder api)
    {
        api.MapGet("/shops/{marketplace}/{shopId}/guardrails", GetAsync)
            .WithSummary("Read a shop's guardrails: its own, or the configured defaults (custom: false)")
            .Produces<ShopGuardrailsView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .PerShop();
        api.MapPut("/shops/{marketplace}/{shopId}/guardrails", SetAsync)
            .WithSummary("Change a shop's guardrails")
            .WithDescription("A JSON object with any of minMargin, maxPriceChangePerAction, maxPriceChangePerDay, maxCouponDiscount (fractions: 0.12 is 12%), maxCouponsPerSkuPerDay and maxActionsPerRulePerDay (whole numbers). Fields left out keep their current value. An unknown field, a wrong type or a value out of range is a 400 naming the field, and nothing changes.")
            .Accepts<GuardrailSettings>("application/json")
            .Produces<ShopGuardrailsView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .PerShop();
        return api;
    }

    private static async Task<IResult> GetAsync(string marketplace, string shopId, SnapshotValidator validator, IGrainFactory grains, ShopAccess access)
    {
        if (NotFound(marketplace, shopId, validator, access) is { } notFound)
        {
            return notFound;
        }

        var guardrails = await Grain(grains, marketplace, shopId).GetAsync();
        return Results.Ok(View(marketplace, shopId, guardrails));
    }

    private static async Task<IResult> SetAsync(
        string marketplace, string shopId, HttpRequest request, SnapshotValidator validator, IGrainFactory grains, ShopAccess access, CancellationToken cancellationToken)
    {
        if (NotFound(marketplace, shopId, validator, access) is { } notFound)
        {
            return notFound;
        }

        var body = await JsonObjectBody.ReadAsync(request, cancellationToken);
        var grain = Grain(grains, marketplace, shopId);
        while (true)
        {
            // The patch applies to the values it was read against: a concurrent change of other fields is merged, not lost.
            var current = (await grain.GetAsync()).Settings;
            var (settings, errors) = GuardrailPatch.Apply(current, body);
            if (settings is null)
            {
                return Results.ValidationProblem(errors, title: "Invalid guardrails; nothing was changed");
            }

            if (await grain.ReplaceAsync(current, settings) is { } changed)
            {
                return Results.Ok(View(marketplace, shopId, changed));
            }
        }
    }

    private static IShopGuardrailsGrain Grain(IGrainFactory grains, string marketplace, string shopId) =>
        grains.GetGrain<IShopGuardrailsGrain>(IShopGuardrailsGrain.KeyOf(marketplace, shopId));

    private static ShopGuardrailsView View(string marketplace, string shopId, ShopGuardrails guardrails) =>
        new(marketplace, shopId, guardrails.Custom, guardrails.Settings);

    private static IResult? NotFound(string marketplace, string shopId, SnapshotValidator validator, ShopAccess access) =>
        !access.CanSee(marketplace, shopId) ? ShopAccess.ShopNotFound(marketplace, shopId)
        : validator.KnownMarketplaces.Contains(marketplace)
            ? null
            : Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Unknown marketplace",
                detail: $"'{marketplace}' is not a known marketplace; known: {string.Join(", ", validator.KnownMarketplaces.Order(StringComparer.Ordinal))}");
}
