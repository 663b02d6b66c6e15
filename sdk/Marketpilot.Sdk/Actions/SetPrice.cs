using System.Text.Json.Serialization;

namespace Marketpilot.Sdk.Actions;

/// <summary>Change the SKU's selling price.</summary>
/// <param name="Price">The new price in the shop's currency; positive.</param>
public sealed record SetPrice(decimal Price) : RuleAction
{
    /// <inheritdoc />
    [JsonIgnore]
    public override ActionKind Kind => ActionKind.SetPrice;
}
