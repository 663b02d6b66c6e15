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
public sealed record SkuDayOutcome(SkuKey Sku, DateOnly Date, long Clicks, long Orders, long Returns, decimal Revenue, decimal Margin, bool StockOut);
