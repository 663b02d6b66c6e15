using System.Globalization;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Events;

namespace Marketpilot.Connectors.Simulator;

/// <summary>
/// The events of one simulated day, derived from what the day reports (so the simulation's numbers do not change):
/// per SKU an <c>order-placed</c> with the day's orders, a <c>return</c> with its returns, a <c>stock-out</c> when the day
/// sold the last unit, and one <c>view</c> by a shopper when clicks outnumbered orders; per ad campaign a
/// <c>campaign-stats-updated</c>. Shoppers come from a pool per SKU, so a view is sometimes followed by the same
/// shopper's order. Times fall on the day, UTC; ids are stable, so a replayed day repeats its events exactly.
/// </summary>
internal static class SimulatedEvents
{
    // Shoppers per SKU: small enough that some viewers come back and order on a later day.
    private const int ShoppersPerSku = 40;

    public static IReadOnlyList<MarketplaceEvent> Of(SimulatedDay day)
    {
        var noon = new DateTimeOffset(day.Date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        var date = day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var events = new List<MarketplaceEvent>();
        foreach (var sku in day.Skus)
        {
            var id = $"sim-{date}-{sku.Sku}";
            if (sku.Clicks > sku.Orders)
            {
                events.Add(new MarketplaceEvent($"{id}-view", MarketplaceEventKind.View, noon.AddHours(-3), sku.Key, ShopperId: Shopper(sku.Sku, day.Index, 0)));
            }

            if (sku.Orders > 0)
            {
                events.Add(new MarketplaceEvent($"{id}-order", MarketplaceEventKind.OrderPlaced, noon, sku.Key, ShopperId: Shopper(sku.Sku, day.Index, 1), Quantity: (int)Math.Min(sku.Orders, int.MaxValue)));
            }

            if (sku.Returns > 0)
            {
                events.Add(new MarketplaceEvent($"{id}-return", MarketplaceEventKind.Return, noon.AddHours(2), sku.Key, Quantity: (int)Math.Min(sku.Returns, int.MaxValue)));
            }

            if (sku.Stock == 0 && sku.Orders > 0)
            {
                events.Add(new MarketplaceEvent($"{id}-stock-out", MarketplaceEventKind.StockOut, noon.AddHours(4), sku.Key));
            }
        }

        events.AddRange(day.Campaigns
            .Where(c => c.Kind == CampaignKind.Ad)
            .Select(c => new MarketplaceEvent($"sim-{date}-{c.CampaignId}-stats", MarketplaceEventKind.CampaignStatsUpdated, noon.AddHours(11), Campaign: c.Key)));
        return events;
    }

    // The same SKU, day and slot always give the same shopper; one in three orders comes from the pool the day's
    // view came from, so views are sometimes followed by an order.
    private static string Shopper(string sku, int day, int slot)
    {
        var mixed = SimulationRandom.DaySeed(SimulationRandom.StableHash(sku), (day * 4) + slot);
        var pool = slot == 1 && (uint)mixed % 3 == 0 ? SimulationRandom.DaySeed(SimulationRandom.StableHash(sku), day * 4) : mixed;
        return $"shopper-{(uint)pool % ShoppersPerSku}";
    }
}
