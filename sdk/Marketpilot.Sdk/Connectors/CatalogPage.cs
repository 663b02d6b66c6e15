using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Events;

namespace Marketpilot.Sdk.Connectors;

/// <summary>One page of what a connector pulled from its marketplace.</summary>
/// <param name="Skus">SKU snapshots; each carries the day its counts belong to.</param>
/// <param name="Campaigns">Campaign snapshots.</param>
/// <param name="NextCursor">The cursor to pass to the next pull; pulling it returns what changed after this page.</param>
/// <param name="HasMore"><see langword="true"/> when more data is ready now, so the host pulls again at once.</param>
public sealed record CatalogPage(
    IReadOnlyList<SkuSnapshot> Skus,
    IReadOnlyList<CampaignSnapshot> Campaigns,
    string? NextCursor,
    bool HasMore)
{
    /// <summary>What happened on the marketplace since the previous page (orders, returns, views, stock-outs, campaign statistics); empty by default.</summary>
    public IReadOnlyList<MarketplaceEvent> Events { get; init; } = [];
}
