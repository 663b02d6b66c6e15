using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Experiments;

/// <summary>One SKU's day as an experiment report counts it.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="Date">The day.</param>
/// <param name="Clicks">Card views.</param>
/// <param name="Orders">Units ordered.</param>
/// <param name="Returns">Units returned.</param>
/// <param name="Revenue">Revenue in the shop's currency: the marketplace's figure, or orders × price when it reports none.</param>
/// <param name="Margin">Revenue less orders × cost.</param>
/// <param name="StockOut">Whether the SKU ended the day with no stock.</param>
public sealed record SkuDayOutcome(SkuKey Sku, DateOnly Date, long Clicks, long Orders, long Returns, decimal Revenue, decimal Margin, bool StockOut)
{
    /// <summary>A SKU's day from its counts and its price, cost and stock: revenue is the marketplace's figure, else orders × price; margin is revenue less orders × cost (a cost of 0, not known, counts as 0).</summary>
    /// <param name="sku">The SKU.</param>
    /// <param name="date">The day.</param>
    /// <param name="clicks">Card views.</param>
    /// <param name="orders">Units ordered.</param>
    /// <param name="returns">Units returned.</param>
    /// <param name="price">The price.</param>
    /// <param name="cost">The unit cost.</param>
    /// <param name="stock">Units in stock at the day's end.</param>
    /// <param name="revenue">The marketplace's revenue for the day, if it reports one.</param>
    /// <returns>The outcome.</returns>
    public static SkuDayOutcome Of(SkuKey sku, DateOnly date, long clicks, long orders, long returns, decimal price, decimal cost, int stock, decimal? revenue)
    {
        var earned = revenue ?? orders * price;
        return new SkuDayOutcome(sku, date, clicks, orders, returns, earned, earned - (orders * cost), stock == 0);
    }
}
