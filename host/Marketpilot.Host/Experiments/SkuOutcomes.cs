using Marketpilot.Experiments;
using Marketpilot.Grains.Skus;

namespace Marketpilot.Host.Experiments;

/// <summary>Turns what a SKU grain stored (daily counts and daily price, cost, stock, revenue) into the SKU-days a report counts.</summary>
public static class SkuOutcomes
{
    /// <summary>The SKU's days between <paramref name="from"/> and <paramref name="to"/> that have both counts and values.</summary>
    /// <param name="view">The SKU as stored.</param>
    /// <param name="from">The first day.</param>
    /// <param name="to">The last day.</param>
    /// <returns>One outcome per day. Revenue is the marketplace's figure, else orders × price; margin is revenue less orders × cost (a cost of 0, not known, counts as 0).</returns>
    public static IEnumerable<SkuDayOutcome> Of(SkuView view, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(view);
        var values = view.Days.ToDictionary(d => d.Date);
        foreach (var day in view.History)
        {
            if (day.Date < from || day.Date > to || !values.TryGetValue(day.Date, out var value))
            {
                continue;
            }

            yield return SkuDayOutcome.Of(view.Snapshot.Key, day.Date, day.Clicks, day.Orders, day.Returns, value.Price, value.Cost, value.Stock, value.Revenue);
        }
    }

    /// <summary>How many of the SKU's days in <paramref name="from"/>..<paramref name="to"/> that a report counts have no marketplace revenue, so the report used orders × price.</summary>
    /// <param name="view">The SKU as stored.</param>
    /// <param name="from">The first day.</param>
    /// <param name="to">The last day.</param>
    /// <returns>The number of such days.</returns>
    public static int EstimatedRevenueDays(SkuView view, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(view);
        var counted = view.History.Select(d => d.Date).ToHashSet();
        return view.Days.Count(d => d.Date >= from && d.Date <= to && d.Revenue is null && counted.Contains(d.Date));
    }
}
