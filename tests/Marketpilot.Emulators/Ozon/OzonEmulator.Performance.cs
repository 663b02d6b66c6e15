using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static Marketpilot.Emulators.Ozon.JsonShape;

namespace Marketpilot.Emulators.Ozon;

/// <summary>The Performance API routes (marketplace-apis.md §1.4): token, campaigns, products and bids, statistics.</summary>
public sealed partial class OzonEmulator
{
    /// <summary>How long an issued token lives, in seconds (Ozon: 1800).</summary>
    public int TokenLifetimeSeconds { get; set; } = 1800;

    private void MapPerformanceRoutes(WebApplication app)
    {
        app.MapPost("/api/client/token", (HttpContext c) => HandleAsync(c, false, IssueToken));
        app.MapGet("/api/client/campaign", (HttpContext c) => HandleAsync(c, false, _ => ListCampaigns(c.Request.Query)));
        app.MapGet("/api/client/campaign/{id}/v2/products", (HttpContext c, string id) => HandleAsync(c, false, _ => CampaignProducts(id, c.Request.Query)));
        app.MapPost("/api/client/campaign/{id}/activate", (HttpContext c, string id) => HandleAsync(c, false, _ => SetState(id, "CAMPAIGN_STATE_RUNNING")));
        app.MapPost("/api/client/campaign/{id}/deactivate", (HttpContext c, string id) => HandleAsync(c, false, _ => SetState(id, "CAMPAIGN_STATE_INACTIVE")));
        app.MapMethods("/api/client/campaign/{id}", ["PATCH"], (HttpContext c, string id) => HandleAsync(c, false, body => PatchCampaign(id, body)));
        app.MapPut("/api/client/campaign/{id}/products", (HttpContext c, string id) => HandleAsync(c, false, body => SetBids(id, body)));
        app.MapPost("/api/client/statistics/products/sku", (HttpContext c) => HandleAsync(c, false, SkuStatistics));
    }

    private object IssueToken(JsonElement body)
    {
        var id = String(body, "client_id", "");
        var secret = String(body, "client_secret", "");
        if (String(body, "grant_type", "") != "client_credentials")
        {
            throw Invalid("grant_type: must be client_credentials");
        }

        if (CredentialsExpired || id != PerformanceClientId || secret != PerformanceClientSecret)
        {
            throw new UnauthorizedAccessException();
        }

        var token = "eyJ" + Guid.NewGuid().ToString("N");
        _tokens[token] = _time.GetUtcNow().AddSeconds(TokenLifetimeSeconds);
        TokensIssued++;
        return new { access_token = token, expires_in = TokenLifetimeSeconds, token_type = "Bearer" };
    }

    private object ListCampaigns(IQueryCollection query)
    {
        var (page, size) = Paging(query);
        return new
        {
            list = Campaigns.Values.OrderBy(c => c.Id, StringComparer.Ordinal).Skip((page - 1) * size).Take(size).Select(Describe),
            total = Campaigns.Count.ToString(CultureInfo.InvariantCulture),
        };
    }

    private object CampaignProducts(string id, IQueryCollection query)
    {
        var campaign = FindCampaign(id);
        var (page, size) = Paging(query);
        return new
        {
            products = campaign.Bids.OrderBy(b => b.Key, StringComparer.Ordinal).Skip((page - 1) * size).Take(size)
                .Select(b => new { sku = b.Key, bid = b.Value, title = "" }),
        };
    }

    private object SetState(string id, string state)
    {
        var campaign = FindCampaign(id);
        campaign.State = state;
        return Describe(campaign);
    }

    private object PatchCampaign(string id, JsonElement body)
    {
        var campaign = FindCampaign(id);
        var weekly = MicroString(body, "weeklyBudget");
        var daily = MicroString(body, "dailyBudget");
        if (weekly is not null && campaign.DailyBudget != "0" || daily is not null && campaign.DailyBudget == "0")
        {
            throw Invalid("a campaign cannot switch between daily and weekly budget");
        }

        campaign.WeeklyBudget = weekly ?? campaign.WeeklyBudget;
        campaign.DailyBudget = daily ?? campaign.DailyBudget;
        return new { campaignId = campaign.Id };
    }

    private object? SetBids(string id, JsonElement body)
    {
        var campaign = FindCampaign(id);
        var bids = Array(body, "bids", "", 500).Select((b, i) => (Sku: String(b, "sku", $"bids[{i}].")!, Bid: MicroString(b, "bid", $"bids[{i}].") ?? throw Invalid($"bids[{i}].bid: required"))).ToList();
        foreach (var (sku, bid) in bids)
        {
            campaign.Bids[sku] = campaign.Bids.ContainsKey(sku) ? bid : throw Invalid($"sku {sku} is not in campaign {id}");
        }

        return null;
    }

    private object SkuStatistics(JsonElement body)
    {
        var ids = StringArray(body, "campaignIds", "", 100);
        var from = String(body, "dateFrom", "")!;
        String(body, "dateTo", "");
        var rows = ids.Where(Campaigns.ContainsKey).SelectMany(id => Campaigns[id].Statistics.Select(s => new
        {
            campaignId = id, sku = s.Key, date = from,
            views = Count(s.Value.Views), clicks = Count(s.Value.Clicks), toCart = Count(s.Value.ToCart),
            expense = s.Value.Expense.ToString("0.00", CultureInfo.InvariantCulture), orders = Count(s.Value.Orders),
            sales = s.Value.Sales.ToString("0.00", CultureInfo.InvariantCulture),
        }));
        return new { rows };

        static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
    }

    private static object Describe(EmulatedCampaign c) => new
    {
        id = c.Id, title = c.Title, paymentType = "CPC", state = c.State, advObjectType = "SKU", fromDate = "2026-10-07", toDate = "",
        budget = "0", dailyBudget = c.DailyBudget, weeklyBudget = c.WeeklyBudget, placement = "PLACEMENT_SEARCH_AND_CATEGORY",
        productAutopilotStrategy = "TARGET_BIDS",
    };

    /// <summary>Money in millionths of a rouble must be a string of digits, as the Performance API takes it.</summary>
    private static string? MicroString(JsonElement body, string name, string path = "")
    {
        var text = String(body, name, path, required: false);
        return text is null || (text.Length > 0 && text.All(char.IsAsciiDigit)) ? text : throw Invalid($"{path}{name}: '{text}' is not an amount in millionths of a rouble");
    }

    private EmulatedCampaign FindCampaign(string id) =>
        Campaigns.TryGetValue(id, out var campaign) ? campaign : throw new KeyNotFoundException($"campaign {id} not found");

    private static (int Page, int Size) Paging(IQueryCollection query)
    {
        var page = int.TryParse(query["page"], CultureInfo.InvariantCulture, out var p) ? p : 1;
        var size = int.TryParse(query["pageSize"], CultureInfo.InvariantCulture, out var s) ? s : 100;
        return page < 1 || size is < 1 or > 1000 ? throw Invalid("page starts at 1; pageSize is 1 to 1000") : (page, size);
    }
}
