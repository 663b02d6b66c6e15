namespace Marketpilot.Experiments;

/// <summary>What one arm of a rule's rollout did over the report's window.</summary>
/// <param name="Skus">SKUs with at least one day of data in the window.</param>
/// <param name="SkuDays">Days of data summed over those SKUs.</param>
/// <param name="Clicks">Card views.</param>
/// <param name="Orders">Units ordered.</param>
/// <param name="Returns">Units returned.</param>
/// <param name="Revenue">Revenue.</param>
/// <param name="Margin">Revenue less cost of the units ordered.</param>
/// <param name="StockOutDays">SKU-days that ended with no stock.</param>
public sealed record ArmSummary(int Skus, long SkuDays, long Clicks, long Orders, long Returns, decimal Revenue, decimal Margin, long StockOutDays)
{
    /// <summary>Orders per click over the arm (a ratio of sums).</summary>
    public double Conversion => Clicks == 0 ? 0 : (double)Orders / Clicks;

    /// <summary>Returns per order over the arm (a ratio of sums).</summary>
    public double ReturnRate => Orders == 0 ? 0 : (double)Returns / Orders;
}
