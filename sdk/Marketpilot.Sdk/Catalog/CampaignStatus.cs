namespace Marketpilot.Sdk.Catalog;

/// <summary>Where a campaign is in its life.</summary>
public enum CampaignStatus
{
    /// <summary>Running.</summary>
    Active,

    /// <summary>Stopped for now; may be resumed.</summary>
    Paused,

    /// <summary>Finished; cannot be resumed.</summary>
    Ended,
}
