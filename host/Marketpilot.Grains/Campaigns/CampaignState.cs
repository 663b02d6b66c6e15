using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Grains.Campaigns;

/// <summary>The persisted state of a <see cref="CampaignGrain"/>.</summary>
[GenerateSerializer]
[Alias("Marketpilot.Grains.Campaigns.CampaignState")]
public sealed class CampaignState
{
    /// <summary>The latest snapshot; <see langword="null"/> until the first update.</summary>
    [Id(0)]
    public CampaignSnapshot? Snapshot { get; set; }

    /// <summary>Daily snapshots, oldest first, one per date.</summary>
    [Id(1)]
    public List<CampaignSnapshot> History { get; set; } = [];

    /// <summary>When the last snapshot was recorded.</summary>
    [Id(2)]
    public DateTimeOffset UpdatedAt { get; set; }
}
