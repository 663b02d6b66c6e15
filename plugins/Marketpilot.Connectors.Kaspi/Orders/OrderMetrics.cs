using Marketpilot.Connectors.Kaspi.Api;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Connectors.Kaspi.Orders;

/// <summary>Turns orders into per-SKU daily snapshots carrying <see cref="SkuSnapshot.Orders"/> and <see cref="SkuSnapshot.Returns"/>.</summary>
/// <remarks>
/// An order counts on the day it was created, in the shop's time zone, whatever its state (a cancelled order was
/// still ordered). Kaspi's orders carry no return date, so a returned order's units count as returns on the day the
/// order was created, a cohort view; re-reading the trailing days on every sync brings later returns in.
/// </remarks>
internal static class OrderMetrics
{
    public static IReadOnlyList<SkuSnapshot> ToSnapshots(IEnumerable<KaspiOrder> orders, string shopId, TimeZoneInfo timeZone)
    {
        var days = new Dictionary<(string Sku, DateOnly Day), Day>();
        foreach (var order in orders.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id, StringComparer.Ordinal))
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(order.CreatedAt, timeZone).DateTime);
            foreach (var entry in order.Entries.Where(e => e.Quantity > 0 && !string.IsNullOrEmpty(e.Sku)))
            {
                var key = (entry.Sku, day);
                var counts = days.TryGetValue(key, out var found) ? found : new Day(entry.Name, 0, 0, 0);
                days[key] = counts with
                {
                    Name = entry.Name ?? counts.Name,
                    // The host needs a price on every snapshot; the latest price a buyer paid that day is what Kaspi charged.
                    Price = entry.BasePrice > 0 ? entry.BasePrice : counts.Price,
                    Orders = counts.Orders + entry.Quantity,
                    Returns = counts.Returns + (order.IsReturned ? entry.Quantity : 0),
                };
            }
        }

        return [.. days.Where(d => d.Value.Price > 0)
            .OrderBy(d => d.Key.Day).ThenBy(d => d.Key.Sku, StringComparer.Ordinal)
            .Select(d => new SkuSnapshot
            {
                Marketplace = Marketplaces.Kaspi,
                ShopId = shopId,
                Sku = d.Key.Sku,
                Title = d.Value.Name,
                Price = d.Value.Price,
                Orders = d.Value.Orders,
                Returns = d.Value.Returns,
                Date = d.Key.Day,
            })];
    }

    private sealed record Day(string? Name, decimal Price, long Orders, long Returns);
}
