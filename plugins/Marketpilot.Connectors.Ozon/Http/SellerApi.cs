using System.Globalization;
using System.Threading.RateLimiting;
using Marketpilot.Connectors.Ozon.Wire;

namespace Marketpilot.Connectors.Ozon.Http;

/// <summary>The Seller API calls the connector makes, with <c>Client-Id</c> and <c>Api-Key</c> on every one.</summary>
internal sealed class SellerApi(OzonHttpClient http, OzonShopOptions shop, RateLimiter analyticsLimiter)
{
    public Task<ProductListResponse> ListProductsAsync(string lastId, int limit, CancellationToken ct) =>
        PostAsync<ProductListResponse>("v3/product/list", new ProductListRequest(new ProductListFilter("ALL"), lastId, limit), ct);

    public Task<ProductInfoResponse> ProductInfoAsync(ProductInfoRequest request, CancellationToken ct) =>
        PostAsync<ProductInfoResponse>("v3/product/info/list", request, ct);

    public Task<PriceListResponse> PricesAsync(IReadOnlyList<long> productIds, string cursor, int limit, CancellationToken ct) =>
        PostAsync<PriceListResponse>("v5/product/info/prices", new CursorPageRequest(cursor, Filter(productIds), limit), ct);

    public Task<StockListResponse> StocksAsync(IReadOnlyList<long> productIds, string cursor, int limit, CancellationToken ct) =>
        PostAsync<StockListResponse>("v4/product/info/stocks", new CursorPageRequest(cursor, Filter(productIds), limit), ct);

    public Task<PriceImportResponse> ImportPricesAsync(IReadOnlyList<PriceImportItem> prices, CancellationToken ct) =>
        // Each import counts against Ozon's 10 changes per product per hour: never sent twice blindly.
        http.SendAsync<PriceImportResponse>(HttpMethod.Post, "v1/product/import/prices", new PriceImportRequest(prices), AuthorizeAsync, ct, writeOnce: true);

    public Task<PromotionListResponse> PromotionsAsync(CancellationToken ct) =>
        http.SendAsync<PromotionListResponse>(HttpMethod.Get, "v1/actions", null, AuthorizeAsync, ct);

    public Task<PromotionProductsResponse> PromotionProductsAsync(long actionId, string lastId, int limit, CancellationToken ct) =>
        PostAsync<PromotionProductsResponse>("v1/actions/products", new PromotionProductsRequest(actionId, limit, lastId), ct);

    public Task<PromotionProductsResponse> PromotionCandidatesAsync(long actionId, string lastId, int limit, CancellationToken ct) =>
        PostAsync<PromotionProductsResponse>("v1/actions/candidates", new PromotionProductsRequest(actionId, limit, lastId), ct);

    public Task<PromotionChangeResponse> ActivateAsync(PromotionActivateRequest request, CancellationToken ct) =>
        PostAsync<PromotionChangeResponse>("v1/actions/products/activate", request, ct);

    public Task<PromotionChangeResponse> DeactivateAsync(PromotionDeactivateRequest request, CancellationToken ct) =>
        PostAsync<PromotionChangeResponse>("v1/actions/products/deactivate", request, ct);

    public Task<AnalyticsResponse> AnalyticsAsync(AnalyticsRequest request, CancellationToken ct) =>
        http.SendAsync<AnalyticsResponse>(HttpMethod.Post, "v1/analytics/data", request, AuthorizeAsync, ct, analyticsLimiter);

    private static IdFilter Filter(IReadOnlyList<long> productIds) =>
        new([.. productIds.Select(id => id.ToString(CultureInfo.InvariantCulture))]);

    private Task<T> PostAsync<T>(string path, object body, CancellationToken ct) => http.SendAsync<T>(HttpMethod.Post, path, body, AuthorizeAsync, ct);

    private ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.Add("Client-Id", shop.ClientId);
        request.Headers.Add("Api-Key", shop.ApiKey);
        return ValueTask.CompletedTask;
    }
}
