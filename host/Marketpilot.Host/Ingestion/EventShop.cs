using Marketpilot.Sdk.Events;

namespace Marketpilot.Host.Ingestion;

/// <summary>Which shop a validated event belongs to: its SKU's, or its campaign's.</summary>
public static class EventShop
{
    /// <summary>The marketplace and shop of <paramref name="marketplaceEvent"/>.</summary>
    /// <param name="marketplaceEvent">A validated event (it has a SKU, or a campaign for campaign statistics).</param>
    /// <returns>The shop.</returns>
    public static (string Marketplace, string ShopId) Of(MarketplaceEvent marketplaceEvent)
    {
        ArgumentNullException.ThrowIfNull(marketplaceEvent);
        return marketplaceEvent.Sku is { } sku ? (sku.Marketplace, sku.ShopId) : (marketplaceEvent.Campaign!.Value.Marketplace, marketplaceEvent.Campaign.Value.ShopId);
    }
}
