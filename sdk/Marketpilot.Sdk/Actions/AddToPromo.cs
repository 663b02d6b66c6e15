using System.Text.Json.Serialization;

namespace Marketpilot.Sdk.Actions;

/// <summary>Put the SKU into a promotion.</summary>
/// <param name="PromotionId">The promotion to join.</param>
public sealed record AddToPromo(string PromotionId) : RuleAction
{
    /// <inheritdoc />
    [JsonIgnore]
    public override ActionKind Kind => ActionKind.AddToPromo;
}
