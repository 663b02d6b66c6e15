using Marketpilot.Sdk.Events;

namespace Marketpilot.Scripting.Metadata;

/// <summary>
/// One <c>event(...)</c> entry of <c>@triggers</c>: the rule runs once per marketplace event of <see cref="Kind"/>,
/// or, with <see cref="WithoutPurchaseAfter"/>, once per view the same shopper did not follow with an order in that time.
/// </summary>
/// <param name="Kind">The kind of event the rule runs on (<see cref="MarketplaceEventKind.View"/> for <c>view-without-purchase</c>).</param>
/// <param name="WithoutPurchaseAfter">For <c>event(view-without-purchase, 24h)</c>: how long after the view, on the SKU's data clock, the rule runs when the shopper has not ordered; <see langword="null"/> for every other kind.</param>
public sealed record EventTrigger(MarketplaceEventKind Kind, TimeSpan? WithoutPurchaseAfter = null)
{
    /// <summary>The name of the delayed view trigger.</summary>
    public const string ViewWithoutPurchase = "view-without-purchase";

    /// <summary>The trigger as written in <c>@triggers</c>, for example <c>event(order-placed)</c>.</summary>
    /// <returns>Its header form.</returns>
    public override string ToString() => WithoutPurchaseAfter is { } delay
        ? $"event({ViewWithoutPurchase}, {delay.TotalHours:0.##}h)"
        : $"event({MarketplaceEventKinds.NameOf(Kind)})";
}
