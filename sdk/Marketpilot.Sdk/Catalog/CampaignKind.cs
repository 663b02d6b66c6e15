namespace Marketpilot.Sdk.Catalog;

/// <summary>What a campaign is.</summary>
public enum CampaignKind
{
    /// <summary>Paid advertising: spend buys impressions.</summary>
    Ad,

    /// <summary>A marketplace promotion (sale) the SKUs take part in.</summary>
    Promotion,

    /// <summary>A coupon customers redeem.</summary>
    Coupon,
}
