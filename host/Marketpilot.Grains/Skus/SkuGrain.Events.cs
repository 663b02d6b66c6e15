using Marketpilot.Actions;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Events;

namespace Marketpilot.Grains.Skus;

/// <summary>Marketplace events: event rules run on them, and views wait for the delayed view-without-purchase rules.</summary>
public sealed partial class SkuGrain
{
    // Enough to recognise an event a connector or client reports again within a sync cycle or a retry.
    private const int RecentEventsKept = 500;

    // A flood of views must not grow the state without bound; the oldest waiting views give way.
    private const int PendingViewsKept = 1000;

    /// <inheritdoc/>
    public async Task<bool> OnEventAsync(MarketplaceEvent marketplaceEvent)
    {
        ArgumentNullException.ThrowIfNull(marketplaceEvent);
        var current = state.State;
        if (!state.RecordExists || current.Snapshot is null || current.RecentEvents.Contains(marketplaceEvent.Id))
        {
            return false;
        }

        Remember(current.RecentEvents, marketplaceEvent.Id, RecentEventsKept);
        current.DataClock = Latest(current.DataClock, marketplaceEvent.OccurredAt);
        if (marketplaceEvent.Kind == MarketplaceEventKind.View && ViewRules().Count > 0)
        {
            current.PendingViews.Add(new PendingView { View = marketplaceEvent });
            if (current.PendingViews.Count > PendingViewsKept)
            {
                current.PendingViews.RemoveRange(0, current.PendingViews.Count - PendingViewsKept);
            }
        }
        else if (marketplaceEvent is { Kind: MarketplaceEventKind.OrderPlaced, ShopperId: { } shopper })
        {
            current.PendingViews.RemoveAll(v => v.View.ShopperId == shopper && v.View.OccurredAt <= marketplaceEvent.OccurredAt);
        }

        var proposals = new List<ProposedAction>();
        var listening = rules.Rules
            .Where(r => rules.EventTriggersOf(r).Any(t => t.Kind == marketplaceEvent.Kind && t.WithoutPurchaseAfter is null))
            .Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        if (listening.Count > 0)
        {
            proposals.AddRange(await RunRulesAsync(RuleTrigger.Event, marketplaceEvent.OccurredAt, ActionIds.EventTick(marketplaceEvent.Id), listening, marketplaceEvent));
        }

        proposals.AddRange(await RunDueViewsAsync(current.DataClock.Value));
        await WriteAsync(await ApproveAsync(proposals, timeProvider.GetUtcNow()));
        return true;
    }

    /// <summary>
    /// Runs each view-without-purchase rule on each waiting view its delay has passed on the data clock, once, and drops
    /// the views every such rule has run on. Moves the data clock to <paramref name="clock"/> if that is later.
    /// </summary>
    private async Task<List<ProposedAction>> RunDueViewsAsync(DateTimeOffset clock)
    {
        var current = state.State;
        current.DataClock = Latest(current.DataClock, clock);
        var proposals = new List<ProposedAction>();
        if (current.PendingViews.Count == 0)
        {
            return proposals;
        }

        var viewRules = ViewRules();
        foreach (var pending in current.PendingViews.ToList())
        {
            var due = viewRules
                .Where(r => !pending.RanRules.Contains(r.RuleId) && pending.View.OccurredAt + r.Delay <= current.DataClock)
                .ToList();
            foreach (var (ruleId, delay) in due)
            {
                pending.RanRules.Add(ruleId);
                proposals.AddRange(await RunRulesAsync(
                    RuleTrigger.Event, pending.View.OccurredAt + delay, ActionIds.EventTick($"{pending.View.Id}/without-purchase"), new HashSet<string>(StringComparer.Ordinal) { ruleId }, pending.View));
            }
        }

        current.PendingViews.RemoveAll(v => viewRules.All(r => v.RanRules.Contains(r.RuleId)));
        return proposals;
    }

    private List<(string RuleId, TimeSpan Delay)> ViewRules() =>
        [.. rules.Rules.SelectMany(r => rules.EventTriggersOf(r)
            .Where(t => t is { Kind: MarketplaceEventKind.View, WithoutPurchaseAfter: not null })
            .Select(t => (r.Id, t.WithoutPurchaseAfter!.Value)))];

    private static void Remember(List<string> recent, string id, int kept)
    {
        recent.Add(id);
        if (recent.Count > kept)
        {
            recent.RemoveRange(0, recent.Count - kept);
        }
    }

    private static DateTimeOffset Latest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
}
