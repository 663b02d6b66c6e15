using Marketpilot.Actions;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Grains.Tests.Support;

internal static class Some
{
    public const string ShopId = "shop-1";

    public static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public static string Id(string prefix = "sku") => $"{prefix}-{Guid.NewGuid():N}";

    public static DateOnly Day(int offset = 0) => new DateOnly(2026, 11, 20).AddDays(offset);

    public static SkuSnapshot Sku(
        string? sku = null,
        string marketplace = Marketplaces.Simulator,
        decimal price = 100m,
        decimal cost = 50m,
        DateOnly? date = null,
        long clicks = 40,
        long orders = 2,
        string? cardStatus = null) => new()
    {
        Marketplace = marketplace,
        ShopId = ShopId,
        Sku = sku ?? Id(),
        Title = "Kettle",
        Price = price,
        Cost = cost,
        Stock = 20,
        Impressions = clicks * 10,
        Clicks = clicks,
        AddToCart = orders * 2,
        Orders = orders,
        CardStatus = cardStatus,
        Date = date ?? Day(),
    };

    public static SkuSnapshot SkuBelowMarginFloor(string? sku = null, string marketplace = Marketplaces.Simulator, string? cardStatus = null) =>
        Sku(sku, marketplace, price: 100m, cost: 95m, cardStatus: cardStatus);

    public static CampaignSnapshot Campaign(string? campaignId = null, params string[] skus) => new()
    {
        Marketplace = Marketplaces.Simulator,
        ShopId = ShopId,
        CampaignId = campaignId ?? Id("campaign"),
        Name = "Autumn sale",
        Kind = CampaignKind.Ad,
        Budget = 1000m,
        Spend = 100m,
        Revenue = 400m,
        Skus = [.. skus],
        Date = Day(),
    };

    public static ActionRecord Action(
        string? sku = null,
        string ruleId = "min-margin",
        ActionStatus status = ActionStatus.Proposed,
        DateTimeOffset? proposedAt = null,
        RuleAction? action = null)
    {
        var at = proposedAt ?? Now;
        return new ActionRecord(
            Guid.CreateVersion7(at).ToString("N"),
            ruleId,
            "v1",
            new SkuKey(Marketplaces.Simulator, ShopId, sku ?? Id()),
            action ?? new SetPrice(120m) { Reason = "margin floor" },
            status,
            null,
            at,
            at);
    }
}
