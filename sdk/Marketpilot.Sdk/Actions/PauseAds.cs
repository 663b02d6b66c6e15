using System.Text.Json.Serialization;

namespace Marketpilot.Sdk.Actions;

/// <summary>Pause paid advertising of the SKU.</summary>
/// <param name="CampaignId">The ad campaign to pause; <see langword="null"/> pauses every ad campaign that covers the SKU.</param>
public sealed record PauseAds(string? CampaignId = null) : RuleAction
{
    /// <inheritdoc />
    [JsonIgnore]
    public override ActionKind Kind => ActionKind.PauseAds;
}
