using System.Text.Json.Serialization;

namespace Marketpilot.Connectors.Wildberries.Wire;

// Advertising (08-promotion.yaml, host advert-api); WB names these fields in snake_case.
internal sealed record AdvertCountResponse(IReadOnlyList<AdvertGroup>? Adverts);

internal sealed record AdvertGroup(int Type, int Status, [property: JsonPropertyName("advert_list")] IReadOnlyList<AdvertRef>? AdvertList);

internal sealed record AdvertRef(long AdvertId);

internal sealed record AdvertsResponse(IReadOnlyList<Advert>? Adverts);

internal sealed record Advert(
    long Id,
    [property: JsonPropertyName("bid_type")] string? BidType,
    int Status,
    AdvertSettings? Settings,
    [property: JsonPropertyName("nm_settings")] IReadOnlyList<AdvertNm>? NmSettings);

internal sealed record AdvertSettings(string? Name, [property: JsonPropertyName("payment_type")] string? PaymentType, AdvertPlacements? Placements);

internal sealed record AdvertPlacements(bool Search, bool Recommendations);

internal sealed record AdvertNm([property: JsonPropertyName("nm_id")] long NmId, [property: JsonPropertyName("bids_kopecks")] AdvertBids? BidsKopecks);

internal sealed record AdvertBids(long Search, long Recommendations);

internal sealed record BidsRequest(IReadOnlyList<AdvertBidChange> Bids);

internal sealed record AdvertBidChange([property: JsonPropertyName("advert_id")] long AdvertId, [property: JsonPropertyName("nm_bids")] IReadOnlyList<NmBid> NmBids);

/// <summary>A bid in kopecks (1/100 of the account currency), as WB takes it.</summary>
internal sealed record NmBid([property: JsonPropertyName("nm_id")] long NmId, [property: JsonPropertyName("bid_kopecks")] long BidKopecks, string Placement);

internal sealed record FullStats(long AdvertId, long Views, long Clicks, long Orders, decimal Sum, [property: JsonPropertyName("sum_price")] decimal SumPrice);
