using System.Text.Json.Serialization;

namespace Marketpilot.Sdk.Actions;

/// <summary>Resume paid advertising of the SKU.</summary>
/// <param name="CampaignId">The ad campaign to resume; <see langword="null"/> resumes every paused ad campaign that covers the SKU.</param>
public sealed record ResumeAds(string? CampaignId = null) : RuleAction
{
    /// <inheritdoc />
    [JsonIgnore]
    public override ActionKind Kind => ActionKind.ResumeAds;
}
