using System.Text.Json.Serialization;

namespace Marketpilot.Sdk.Actions;

/// <summary>Cancel a coupon created earlier, so it can no longer be used.</summary>
/// <remarks>
/// The host proposes it to undo a <see cref="CreateCoupon"/>, with the id the connector reported for the coupon in
/// <see cref="Connectors.ActionResult.CreatedId"/>.
/// </remarks>
/// <param name="CouponId">The marketplace's id of the coupon.</param>
public sealed record CancelCoupon(string CouponId) : RuleAction
{
    /// <inheritdoc />
    [JsonIgnore]
    public override ActionKind Kind => ActionKind.CancelCoupon;
}
