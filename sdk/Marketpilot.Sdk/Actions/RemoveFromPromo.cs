using System.Text.Json.Serialization;

namespace Marketpilot.Sdk.Actions;

/// <summary>Take the SKU out of a promotion.</summary>
/// <param name="PromotionId">The promotion to leave; <see langword="null"/> leaves every promotion the SKU is in.</param>
public sealed record RemoveFromPromo(string? PromotionId = null) : RuleAction
{
    /// <inheritdoc />
    [JsonIgnore]
    public override ActionKind Kind => ActionKind.RemoveFromPromo;
}
