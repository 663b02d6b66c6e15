using Marketpilot.Actions;
using Marketpilot.Actions.Evaluation;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Events;

namespace Marketpilot.Grains.Skus;

/// <summary>Marketplace events: event rules run on them, and views wait for the delayed view-without-purchase rules.</summary>
public sealed partial class SkuGrain
{
    // Enough to recognise an event a connector or client reports again within a sync cycle or a retry.
    private const int RecentEventsKept = 500;

    /// <inheritdoc/>
    public async Task<int> OnEventsAsync(IReadOnlyList<MarketplaceEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var current = state.State;
        if (!state.RecordExists || current.Snapshot is null)
        {
            return 0;
        }

        var taken = 0;
        var ran = false;
        var waiting = current.PendingViews.Count;
        var proposals = new List<ProposedAction>();
        foreach (var marketplaceEvent in events.OrderBy(e => e.OccurredAt))
        {
            if (current.RecentEvents.Contains(marketplaceEvent.Id))
            {
                continue;
            }

            taken++;
            current.RecentEvents.Add(marketplaceEvent.Id);
            followUps.Track(current.PendingViews, marketplaceEvent);
            if (followUps.RunNow(marketplaceEvent) is { Count: > 0 } listening)
            {
                ran = true;
                proposals.AddRange(await RunRulesAsync(RuleTrigger.Event, marketplaceEvent.OccurredAt, ActionIds.EventTick(marketplaceEvent.Id), listening, marketplaceEvent));
            }

            var (due, dueRan) = await RunDueViewsAsync(marketplaceEvent.OccurredAt);
            proposals.AddRange(due);
            ran |= dueRan;
        }

        if (current.RecentEvents.Count > RecentEventsKept)
        {
            current.RecentEvents.RemoveRange(0, current.RecentEvents.Count - RecentEventsKept);
        }

        // Events that ran no rule and left the waiting views as they were change nothing worth a write: their ids and the
        // data clock stay in memory and go to storage with the SKU's next write. A rule that ran (its state) is written.
        if (ran || current.PendingViews.Count != waiting)
        {
            await WriteAsync(await ApproveAsync(proposals, timeProvider.GetUtcNow()));
        }

        return taken;
    }

    /// <summary>Moves the data clock to <paramref name="clock"/> if that is later, and runs the view rules that came due.</summary>
    /// <returns>Their proposals, and whether any ran.</returns>
    private async Task<(List<ProposedAction> Proposals, bool Ran)> RunDueViewsAsync(DateTimeOffset clock)
    {
        var current = state.State;
        current.DataClock = current.DataClock is { } known && known > clock ? known : clock;
        var proposals = new List<ProposedAction>();
        var due = followUps.Due(current.PendingViews, current.DataClock.Value);
        foreach (var (view, ruleId, at) in due)
        {
            proposals.AddRange(await RunRulesAsync(RuleTrigger.Event, at, EventFollowUps.FollowUpTick(view), new HashSet<string>(StringComparer.Ordinal) { ruleId }, view));
        }

        return (proposals, due.Count > 0);
    }
}
