using Marketpilot.Grains;
using Marketpilot.Grains.Skus;
using Marketpilot.Host.Ingestion;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Host.Api;

/// <summary>The SKU routes: submit snapshots, read a SKU's state.</summary>
public static class SkuApi
{
    /// <summary>Maps <c>POST /skus</c> and <c>GET /skus/{marketplace}/{shopId}/{sku}</c> on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapSkuApi(this RouteGroupBuilder api)
    {
        api.MapPost("/skus", SubmitAsync)
            .WithSummary("Submit SKU snapshots")
            .WithDescription("A JSON array of SKU snapshots. All items are checked first; if any is invalid nothing is recorded and the answer names each bad item and field.")
            .Accepts<SkuSnapshot[]>("application/json")
            .Produces<AcceptedItems>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .PerShop();
        api.MapGet("/skus/{marketplace}/{shopId}/{sku}", GetAsync)
            .WithSummary("Read a SKU's state, history and rule states")
            .Produces<SkuView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .PerShop();
        return api;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, SnapshotValidator validator, CatalogIngestor ingestor, ShopAccess access, CancellationToken cancellationToken)
    {
        var batch = await JsonBatchReader.ReadAsync<SkuSnapshot>(request, validator.Validate, cancellationToken);
        var errors = batch.Errors ?? Duplicates(batch.Items, s => (s.Key, s.Date));
        if (errors is not null)
        {
            return Results.ValidationProblem(errors, title: "Some SKU snapshots are invalid; nothing was recorded");
        }

        if (access.RefuseOtherShops(batch.Items, s => (s.Marketplace, s.ShopId)) is { } otherShop)
        {
            return otherShop;
        }

        // Recording is not cancelled with the request: once accepted, every item is applied.
        var accepted = await ingestor.IngestAsync(batch.Items, CancellationToken.None);
        return Results.Accepted(value: new AcceptedItems(accepted));
    }

    private static async Task<IResult> GetAsync(string marketplace, string shopId, string sku, IGrainFactory grains, ShopAccess access)
    {
        var view = !access.CanSee(marketplace, shopId) ? null : await grains.GetGrain<ISkuGrain>(GrainKeys.For(new SkuKey(marketplace, shopId, sku))).GetAsync();
        return view is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "SKU not found", detail: $"Nothing was ever recorded for {marketplace}/{shopId}/{sku}.")
            : Results.Ok(view);
    }

    /// <summary>Reports items that repeat an earlier item's key (and day): the request would be ambiguous.</summary>
    internal static IDictionary<string, string[]>? Duplicates<T, TKey>(IReadOnlyList<T> items, Func<T, TKey> key)
        where TKey : notnull
    {
        var first = new Dictionary<TKey, int>();
        Dictionary<string, string[]>? errors = null;
        for (var i = 0; i < items.Count; i++)
        {
            if (!first.TryAdd(key(items[i]), i))
            {
                errors ??= [];
                errors[$"[{i}]"] = [$"repeats item [{first[key(items[i])]}] (same key and date)"];
            }
        }

        return errors;
    }
}
