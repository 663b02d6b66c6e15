using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Grains.Campaigns;

/// <summary>What the host knows about one campaign, as the API returns it.</summary>
/// <param name="Snapshot">The latest snapshot.</param>
/// <param name="History">Daily snapshots, oldest first (at most one per day).</param>
/// <param name="UpdatedAt">When the last snapshot was recorded.</param>
[GenerateSerializer]
[Alias("Marketpilot.Grains.Campaigns.CampaignView")]
public sealed record CampaignView(CampaignSnapshot Snapshot, IReadOnlyList<CampaignSnapshot> History, DateTimeOffset UpdatedAt);
