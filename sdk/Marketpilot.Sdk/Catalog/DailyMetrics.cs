namespace Marketpilot.Sdk.Catalog;

/// <summary>The traffic and sales counts of one SKU for one calendar day (UTC).</summary>
/// <param name="Date">The day the counts belong to.</param>
/// <param name="Impressions">Times the SKU was shown in search and catalog.</param>
/// <param name="Clicks">Times its card was opened (the seller's "views").</param>
/// <param name="AddToCart">Times it was added to a cart.</param>
/// <param name="Orders">Units ordered.</param>
/// <param name="Returns">Units returned.</param>
public sealed record DailyMetrics(DateOnly Date, long Impressions, long Clicks, long AddToCart, long Orders, long Returns);
