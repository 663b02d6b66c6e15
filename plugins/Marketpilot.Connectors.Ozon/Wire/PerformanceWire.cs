using System.Text.Json.Serialization;

namespace Marketpilot.Connectors.Ozon.Wire;

// Ozon Performance API (marketplace-apis.md §1.4): camelCase, money as strings in millionths of a rouble,
// except the token call, which is OAuth's snake_case.

internal sealed record TokenRequest(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_secret")] string ClientSecret,
    [property: JsonPropertyName("grant_type")] string GrantType);

internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("token_type")] string? TokenType);

internal sealed record CampaignListResponse(IReadOnlyList<AdCampaign> List);

internal sealed record AdCampaign(
    string Id, string? Title, string? PaymentType, string State, string? AdvObjectType, string? Budget, string? DailyBudget, string? WeeklyBudget);

internal sealed record CampaignProductsResponse(IReadOnlyList<CampaignProduct> Products);

internal sealed record CampaignProduct(string Sku, string? Bid, string? Title);

internal sealed record CampaignBidsRequest(IReadOnlyList<CampaignBid> Bids);

internal sealed record CampaignBid(string Sku, string Bid);

internal sealed record CampaignBudgetPatch(string? WeeklyBudget = null, string? DailyBudget = null);

internal sealed record CampaignPatchResponse(string CampaignId);

internal sealed record SkuStatisticsRequest(IReadOnlyList<string> CampaignIds, string DateFrom, string DateTo);

internal sealed record SkuStatisticsResponse(IReadOnlyList<SkuStatisticsRow> Rows);

/// <summary>Counts are integer strings, money strings in roubles.</summary>
internal sealed record SkuStatisticsRow(string CampaignId, string Sku, string? Date, long Views, long Clicks, long ToCart, decimal Expense, long Orders, decimal Sales);
