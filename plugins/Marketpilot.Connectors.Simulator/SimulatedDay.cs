using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Connectors.Simulator;

/// <summary>What the simulated shop reports for one day.</summary>
/// <param name="Index">The day's number, 0 for <see cref="SimulatedShop.StartDate"/>.</param>
/// <param name="Date">The day the counts belong to.</param>
/// <param name="Skus">Every SKU with its listing at the end of the day and its counts for the day.</param>
/// <param name="Campaigns">Ad campaigns, promotions and the coupons active that day (or ended the day before), with the day's totals.</param>
public sealed record SimulatedDay(int Index, DateOnly Date, IReadOnlyList<SkuSnapshot> Skus, IReadOnlyList<CampaignSnapshot> Campaigns);
