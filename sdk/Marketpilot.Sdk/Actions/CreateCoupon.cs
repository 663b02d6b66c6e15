using System.Text.Json.Serialization;

namespace Marketpilot.Sdk.Actions;

/// <summary>Create a coupon for the SKU.</summary>
/// <param name="Discount">The discount as a fraction of the price: 0.10 is 10%. Greater than 0, less than 1.</param>
/// <param name="Duration">How long the coupon stays valid from its creation.</param>
public sealed record CreateCoupon(decimal Discount, TimeSpan Duration) : RuleAction
{
    /// <inheritdoc />
    [JsonIgnore]
    public override ActionKind Kind => ActionKind.CreateCoupon;
}
