using System.Globalization;
using System.Net.Http.Headers;
using Marketpilot.Connectors.Ozon.Wire;

namespace Marketpilot.Connectors.Ozon.Http;

/// <summary>
/// The Performance API calls the connector makes. Each carries a bearer token from <c>/api/client/token</c> (OAuth client
/// credentials), cached until shortly before it expires; a 401 drops the token and the call is tried once more with a new one.
/// </summary>
internal sealed class PerformanceApi(OzonHttpClient http, OzonShopOptions shop, TimeProvider time)
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _tokenGate = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _token;

    public Task<CampaignListResponse> CampaignsAsync(int page, int pageSize, CancellationToken ct) =>
        SendAsync<CampaignListResponse>(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"api/client/campaign?page={page}&pageSize={pageSize}"), null, ct);

    public Task<CampaignProductsResponse> CampaignProductsAsync(string campaignId, int page, int pageSize, CancellationToken ct) =>
        SendAsync<CampaignProductsResponse>(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"api/client/campaign/{Uri.EscapeDataString(campaignId)}/v2/products?page={page}&pageSize={pageSize}"), null, ct);

    public Task<AdCampaign> ActivateAsync(string campaignId, CancellationToken ct) =>
        SendAsync<AdCampaign>(HttpMethod.Post, $"api/client/campaign/{Uri.EscapeDataString(campaignId)}/activate", new { }, ct);

    public Task<AdCampaign> DeactivateAsync(string campaignId, CancellationToken ct) =>
        SendAsync<AdCampaign>(HttpMethod.Post, $"api/client/campaign/{Uri.EscapeDataString(campaignId)}/deactivate", new { }, ct);

    public Task<CampaignPatchResponse> PatchBudgetAsync(string campaignId, CampaignBudgetPatch patch, CancellationToken ct) =>
        SendAsync<CampaignPatchResponse>(HttpMethod.Patch, $"api/client/campaign/{Uri.EscapeDataString(campaignId)}", patch, ct);

    public Task<NoContent> SetBidsAsync(string campaignId, CampaignBidsRequest bids, CancellationToken ct) =>
        SendAsync<NoContent>(HttpMethod.Put, $"api/client/campaign/{Uri.EscapeDataString(campaignId)}/products", bids, ct);

    public Task<SkuStatisticsResponse> SkuStatisticsAsync(SkuStatisticsRequest request, CancellationToken ct) =>
        SendAsync<SkuStatisticsResponse>(HttpMethod.Post, "api/client/statistics/products/sku", request, ct);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        try
        {
            return await http.SendAsync<T>(method, path, body, AuthorizeAsync, ct).ConfigureAwait(false);
        }
        catch (OzonApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            _token = null;
            return await http.SendAsync<T>(method, path, body, AuthorizeAsync, ct).ConfigureAwait(false);
        }
    }

    private async ValueTask AuthorizeAsync(HttpRequestMessage request, CancellationToken ct) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(ct).ConfigureAwait(false));

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        if (_token is { } cached && time.GetUtcNow() < cached.ExpiresAt)
        {
            return cached.Token;
        }

        await _tokenGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_token is { } fresh && time.GetUtcNow() < fresh.ExpiresAt)
            {
                return fresh.Token;
            }

            var answer = await http.SendAsync<TokenResponse>(
                HttpMethod.Post,
                "api/client/token",
                new TokenRequest(shop.PerformanceClientId!, shop.PerformanceClientSecret!, "client_credentials"),
                static (_, _) => ValueTask.CompletedTask,
                ct).ConfigureAwait(false);
            if (string.IsNullOrEmpty(answer.AccessToken) || answer.ExpiresIn <= 0)
            {
                throw new OzonApiException("Ozon Performance API answered POST /api/client/token without an access token or lifetime.");
            }

            var lifetime = TimeSpan.FromSeconds(answer.ExpiresIn);
            _token = (answer.AccessToken, time.GetUtcNow() + (lifetime > RefreshMargin * 2 ? lifetime - RefreshMargin : lifetime / 2));
            return answer.AccessToken;
        }
        finally
        {
            _tokenGate.Release();
        }
    }
}
