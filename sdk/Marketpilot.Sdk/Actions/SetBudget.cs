using System.Text.Json.Serialization;

namespace Marketpilot.Sdk.Actions;

/// <summary>Change an ad campaign's daily budget.</summary>
/// <param name="CampaignId">The ad campaign.</param>
/// <param name="Budget">The new daily budget in the shop's currency; not negative.</param>
public sealed record SetBudget(string CampaignId, decimal Budget) : RuleAction
{
    /// <inheritdoc />
    [JsonIgnore]
    public override ActionKind Kind => ActionKind.SetBudget;
}
