using Marketpilot.Grains.Skus;

namespace Marketpilot.Host.Backtest;

/// <summary>
/// The days a running host has stored, as a backtest replays them: each SKU's recorded price, cost, stock and counts
/// per day on top of its newest snapshot (title, category and the rest as they are now). Campaigns are not kept per
/// day, so the replay has none.
/// </summary>
public static class StoredDays
{
    /// <summary>The days of <paramref name="views"/>, oldest first.</summary>
    public static IReadOnlyList<BacktestDay> Of(IReadOnlyList<SkuView> views)
    {
        ArgumentNullException.ThrowIfNull(views);
        return [.. views
            .SelectMany(view =>
            {
                var counts = view.History.ToDictionary(h => h.Date);
                return view.Days.Select(day => counts.TryGetValue(day.Date, out var c)
                    ? view.Snapshot with
                    {
                        Date = day.Date, Price = day.Price, Cost = day.Cost, Stock = day.Stock, Revenue = day.Revenue,
                        Impressions = c.Impressions, Clicks = c.Clicks, AddToCart = c.AddToCart, Orders = c.Orders, Returns = c.Returns,
                    }
                    : view.Snapshot with { Date = day.Date, Price = day.Price, Cost = day.Cost, Stock = day.Stock, Revenue = day.Revenue, Impressions = 0, Clicks = 0, AddToCart = 0, Orders = 0, Returns = 0 });
            })
            .GroupBy(s => s.Date!.Value)
            .OrderBy(g => g.Key)
            .Select(g => new BacktestDay(g.Key, [.. g], []))];
    }
}
