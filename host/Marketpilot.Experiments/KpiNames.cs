namespace Marketpilot.Experiments;

/// <summary>The names of the KPIs a report compares.</summary>
public static class KpiNames
{
    /// <summary>Orders per click, a ratio of sums over the arm.</summary>
    public const string Conversion = "conversion";

    /// <summary>Units ordered per SKU per day.</summary>
    public const string Orders = "ordersPerSkuDay";

    /// <summary>Revenue per SKU per day.</summary>
    public const string Revenue = "revenuePerSkuDay";

    /// <summary>Margin as a share of revenue, a ratio of sums over the arm.</summary>
    public const string MarginRate = "marginRate";

    /// <summary>Margin per SKU per day.</summary>
    public const string Margin = "marginPerSkuDay";

    /// <summary>The share of SKU-days that ended out of stock.</summary>
    public const string StockOuts = "stockOutShare";

    /// <summary>Returns per order, a ratio of sums over the arm.</summary>
    public const string ReturnRate = "returnRate";
}
