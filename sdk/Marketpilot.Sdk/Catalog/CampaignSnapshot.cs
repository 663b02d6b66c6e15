using Marketpilot.Sdk.Collections;

namespace Marketpilot.Sdk.Catalog;

/// <summary>What a marketplace reports about one campaign: its settings now and its totals for one day.</summary>
/// <remarks>Money is a <see langword="decimal"/> in the shop's currency.</remarks>
public sealed record CampaignSnapshot
{
    private readonly IReadOnlyList<string> _skus = ReadOnlyData.Freeze<string>([]);

    /// <summary>The lower-case marketplace id. Required.</summary>
    public required string Marketplace { get; init; }

    /// <summary>The seller's shop id on the marketplace. Required.</summary>
    public required string ShopId { get; init; }

    /// <summary>The marketplace's campaign id. Required.</summary>
    public required string CampaignId { get; init; }

    /// <summary>The campaign's name as the seller sees it.</summary>
    public string? Name { get; init; }

    /// <summary>Ad, promotion or coupon.</summary>
    public CampaignKind Kind { get; init; }

    /// <summary>Active, paused or ended.</summary>
    public CampaignStatus Status { get; init; }

    /// <summary>The daily budget; 0 when the campaign has none.</summary>
    public decimal Budget { get; init; }

    /// <summary>The bid per thousand impressions or per click, as the marketplace defines it; 0 when not an ad.</summary>
    public decimal Bid { get; init; }

    /// <summary>Money spent on <see cref="Date"/>.</summary>
    public decimal Spend { get; init; }

    /// <summary>Revenue attributed to the campaign on <see cref="Date"/>.</summary>
    public decimal Revenue { get; init; }

    /// <summary>Impressions bought on <see cref="Date"/>.</summary>
    public long Impressions { get; init; }

    /// <summary>Clicks on <see cref="Date"/>; for an ad, at most <see cref="Impressions"/>.</summary>
    public long Clicks { get; init; }

    /// <summary>Orders attributed on <see cref="Date"/>.</summary>
    public long Orders { get; init; }

    /// <summary>
    /// For an ad, its average position in the search results on <see cref="Date"/> (1 is the top; larger is further
    /// down); <see langword="null"/> when the marketplace does not report it.
    /// </summary>
    public decimal? AveragePosition { get; init; }

    /// <summary>The SKU ids (in the same shop) the campaign covers. Immutable: whatever is assigned is kept as an immutable copy.</summary>
    public IReadOnlyList<string> Skus { get => _skus; init => _skus = ReadOnlyData.Freeze(value ?? []); }

    /// <summary>The day (UTC) the totals belong to; the host uses today when it is absent.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The key that identifies this campaign.</summary>
    public CampaignKey Key => new(Marketplace, ShopId, CampaignId);

    /// <summary>Whether the campaign covers <paramref name="sku"/>: the same marketplace and shop, and the SKU among <see cref="Skus"/>.</summary>
    /// <param name="sku">The SKU.</param>
    /// <returns><see langword="true"/> when the campaign covers the SKU.</returns>
    public bool Covers(SkuKey sku) => sku.Marketplace == Marketplace && sku.ShopId == ShopId && Skus.Contains(sku.Sku);

    /// <summary>Return on ad spend: <see cref="Revenue"/> / <see cref="Spend"/>; 0 when nothing was spent.</summary>
    public decimal Roas => Spend == 0 ? 0 : Revenue / Spend;

    /// <summary>Cost per action: <see cref="Spend"/> / <see cref="Orders"/>; 0 when there were no orders.</summary>
    public decimal Cpa => Orders == 0 ? 0 : Spend / Orders;
}
