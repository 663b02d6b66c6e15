using Marketpilot.Scripting;
using Marketpilot.Sdk.Events;

namespace Marketpilot.Actions.Evaluation;

/// <summary>
/// What marketplace events start on one SKU: which rules run on an event right away, and the views kept for the
/// <c>event(view-without-purchase, delay)</c> rules until the SKU's data clock passes each view plus its delay. The one
/// place the SKU grain and the demo decide this.
/// </summary>
/// <param name="rules">The loaded rules.</param>
public sealed class EventFollowUps(IRuleRunner rules)
{
    /// <summary>The most views one SKU keeps waiting; the oldest give way to a flood of new ones.</summary>
    public const int PendingViewsKept = 1000;

    /// <summary>The rules that run on <paramref name="marketplaceEvent"/> as soon as it arrives.</summary>
    /// <param name="marketplaceEvent">The event.</param>
    /// <returns>Rule ids; none for a view (its rules wait for the delay).</returns>
    public IReadOnlySet<string> RunNow(MarketplaceEvent marketplaceEvent)
    {
        ArgumentNullException.ThrowIfNull(marketplaceEvent);
        return rules.Rules
            .Where(r => rules.EventTriggersOf(r).Any(t => t.Kind == marketplaceEvent.Kind && t.WithoutPurchaseAfter is null))
            .Select(r => r.Id)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Keeps a view for the view rules, or drops the views an order by the same shopper answers.</summary>
    /// <param name="pending">The SKU's waiting views, oldest first.</param>
    /// <param name="marketplaceEvent">The event.</param>
    public void Track(List<PendingView> pending, MarketplaceEvent marketplaceEvent)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(marketplaceEvent);
        if (marketplaceEvent.Kind == MarketplaceEventKind.View && ViewRules().Count > 0)
        {
            pending.Add(new PendingView { View = marketplaceEvent });
            if (pending.Count > PendingViewsKept)
            {
                pending.RemoveRange(0, pending.Count - PendingViewsKept);
            }
        }
        else if (marketplaceEvent is { Kind: MarketplaceEventKind.OrderPlaced, ShopperId: { } shopper })
        {
            pending.RemoveAll(v => v.View.ShopperId == shopper && v.View.OccurredAt <= marketplaceEvent.OccurredAt);
        }
    }

    /// <summary>
    /// The view rules due at <paramref name="clock"/>: each rule once per view whose delay has passed. Marks them as run
    /// and drops the views every view rule has run on.
    /// </summary>
    /// <param name="pending">The SKU's waiting views.</param>
    /// <param name="clock">The SKU's data clock.</param>
    /// <returns>The view, the rule, and the time the rule sees as <c>Now</c> (the view plus the delay).</returns>
    public IReadOnlyList<(MarketplaceEvent View, string RuleId, DateTimeOffset At)> Due(List<PendingView> pending, DateTimeOffset clock)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var due = new List<(MarketplaceEvent, string, DateTimeOffset)>();
        if (pending.Count == 0)
        {
            return due;
        }

        var viewRules = ViewRules();
        foreach (var view in pending)
        {
            foreach (var (ruleId, delay) in viewRules.Where(r => !view.RanRules.Contains(r.RuleId) && view.View.OccurredAt + r.Delay <= clock))
            {
                view.RanRules.Add(ruleId);
                due.Add((view.View, ruleId, view.View.OccurredAt + delay));
            }
        }

        pending.RemoveAll(v => viewRules.All(r => v.RanRules.Contains(r.RuleId)));
        return due;
    }

    /// <summary>The tick (<see cref="ActionIds.EventTick"/>) of a view rule's run on <paramref name="view"/>.</summary>
    /// <param name="view">The view.</param>
    /// <returns>The tick.</returns>
    public static string FollowUpTick(MarketplaceEvent view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return ActionIds.EventTick($"{view.Id}/without-purchase");
    }

    private List<(string RuleId, TimeSpan Delay)> ViewRules() =>
        [.. rules.Rules.SelectMany(r => rules.EventTriggersOf(r)
            .Where(t => t is { Kind: MarketplaceEventKind.View, WithoutPurchaseAfter: not null })
            .Select(t => (r.Id, t.WithoutPurchaseAfter!.Value)))];
}
