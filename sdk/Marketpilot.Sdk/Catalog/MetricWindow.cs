namespace Marketpilot.Sdk.Catalog;

/// <summary>
/// The sums of a SKU's daily counts over the last <see cref="Days"/> days, ending with the newest
/// day the host has, and the ratios derived from them.
/// </summary>
/// <remarks>
/// Every ratio is a fraction (0.015 means 1.5%) and is 0 when its denominator is 0, so a rule never
/// divides by zero. Days without data count as zero.
/// </remarks>
/// <param name="Days">The length of the window in days: 1, 7 or 30 for the windows rules see.</param>
/// <param name="Impressions">Times the SKU was shown in the window.</param>
/// <param name="Clicks">Times its card was opened in the window.</param>
/// <param name="AddToCart">Times it was added to a cart in the window.</param>
/// <param name="Orders">Units ordered in the window.</param>
/// <param name="Returns">Units returned in the window.</param>
public sealed record MetricWindow(int Days, long Impressions, long Clicks, long AddToCart, long Orders, long Returns)
{
    /// <summary>An empty window of <paramref name="days"/> days.</summary>
    /// <param name="days">The window length in days.</param>
    /// <returns>A window whose counts are all zero.</returns>
    public static MetricWindow Empty(int days) => new(days, 0, 0, 0, 0, 0);

    /// <summary>Click-through rate: <see cref="Clicks"/> / <see cref="Impressions"/>.</summary>
    public double Ctr => Ratio(Clicks, Impressions);

    /// <summary>Conversion: <see cref="Orders"/> / <see cref="Clicks"/>.</summary>
    public double Conversion => Ratio(Orders, Clicks);

    /// <summary>Return rate: <see cref="Returns"/> / <see cref="Orders"/>.</summary>
    public double ReturnRate => Ratio(Returns, Orders);

    /// <summary>Units ordered per day on average over the window.</summary>
    public double OrdersPerDay => Days == 0 ? 0 : (double)Orders / Days;

    /// <summary>
    /// Sums the counts of <paramref name="history"/> that fall in the <paramref name="days"/> days
    /// ending with <paramref name="lastDay"/> (inclusive).
    /// </summary>
    /// <param name="history">Daily counts in any order; at most one entry per date.</param>
    /// <param name="days">The window length in days, at least 1.</param>
    /// <param name="lastDay">The newest day of the window.</param>
    /// <returns>The window.</returns>
    public static MetricWindow Over(IEnumerable<DailyMetrics> history, int days, DateOnly lastDay)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);

        var first = lastDay.AddDays(1 - days);
        long impressions = 0, clicks = 0, addToCart = 0, orders = 0, returns = 0;
        foreach (var day in history)
        {
            if (day.Date < first || day.Date > lastDay)
            {
                continue;
            }

            impressions += day.Impressions;
            clicks += day.Clicks;
            addToCart += day.AddToCart;
            orders += day.Orders;
            returns += day.Returns;
        }

        return new MetricWindow(days, impressions, clicks, addToCart, orders, returns);
    }

    private static double Ratio(long numerator, long denominator) =>
        denominator == 0 ? 0 : (double)numerator / denominator;
}
