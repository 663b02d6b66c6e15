namespace Marketpilot.Grains.Skus;

/// <summary>A SKU's price, cost and stock as its last snapshot of a day left them, and the day's revenue: what an experiment report and the console's charts need besides the counts.</summary>
/// <param name="Date">The day.</param>
/// <param name="Price">The price.</param>
/// <param name="Cost">The unit cost (0: not known).</param>
/// <param name="Stock">Units in stock.</param>
/// <param name="Revenue">The marketplace's revenue for the day; <see langword="null"/> when it reports none.</param>
[GenerateSerializer]
[Immutable]
[Alias("Marketpilot.Grains.Skus.SkuDayValues")]
public sealed record SkuDayValues(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] decimal Price,
    [property: Id(2)] decimal Cost,
    [property: Id(3)] int Stock,
    [property: Id(4)] decimal? Revenue);
