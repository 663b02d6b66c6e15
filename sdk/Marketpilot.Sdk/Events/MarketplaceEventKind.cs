using System.Text.Json.Serialization;

namespace Marketpilot.Sdk.Events;

/// <summary>What happened on the marketplace. Written in JSON and in <c>@triggers: event(...)</c> as the kebab-case name.</summary>
public enum MarketplaceEventKind
{
    /// <summary><c>order-placed</c>: a shopper ordered the SKU (<see cref="MarketplaceEvent.Quantity"/> units).</summary>
    [JsonStringEnumMemberName("order-placed")]
    OrderPlaced,

    /// <summary><c>return</c>: units of the SKU came back (<see cref="MarketplaceEvent.Quantity"/> units).</summary>
    [JsonStringEnumMemberName("return")]
    Return,

    /// <summary><c>view</c>: a shopper viewed the SKU's card (<see cref="MarketplaceEvent.ShopperId"/> says who).</summary>
    [JsonStringEnumMemberName("view")]
    View,

    /// <summary><c>stock-out</c>: the SKU's stock reached zero.</summary>
    [JsonStringEnumMemberName("stock-out")]
    StockOut,

    /// <summary><c>campaign-stats-updated</c>: a campaign's statistics for a period are final (the event carries the campaign key).</summary>
    [JsonStringEnumMemberName("campaign-stats-updated")]
    CampaignStatsUpdated,
}
