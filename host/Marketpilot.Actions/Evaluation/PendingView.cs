using Marketpilot.Sdk.Events;

namespace Marketpilot.Actions.Evaluation;

/// <summary>
/// A shopper's view of the SKU that no order has followed yet, waiting for the rules with
/// <c>event(view-without-purchase, delay)</c>: each runs once, when the SKU's data clock passes the view plus its delay.
/// </summary>
[GenerateSerializer]
[Alias("Marketpilot.Actions.Evaluation.PendingView")]
public sealed class PendingView
{
    /// <summary>The view.</summary>
    [Id(0)]
    public required MarketplaceEvent View { get; init; }

    /// <summary>The rules that already ran on it.</summary>
    [Id(1)]
    public List<string> RanRules { get; init; } = [];
}
