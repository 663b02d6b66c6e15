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
    public async Task<bool> OnEventAsync(MarketplaceEvent marketplaceEvent)
    {
        ArgumentNullException.ThrowIfNull(marketplaceEvent);
        var current = state.State;
        if (!state.RecordExists || current.Snapshot is null || current.RecentEvents.Contains(marketplaceEvent.Id))
        {
            return false;
        }

        current.RecentEvents.Add(marketplaceEvent.Id);
        if (current.RecentEvents.Count > RecentEventsKept)
        {
            current.RecentEvents.RemoveRange(0, current.RecentEvents.Count - RecentEventsKept);
        }

        followUps.Track(current.PendingViews, marketplaceEvent);
        var proposals = new List<ProposedAction>();
        if (followUps.RunNow(marketplaceEvent) is { Count: > 0 } listening)
        {
            proposals.AddRange(await RunRulesAsync(RuleTrigger.Event, marketplaceEvent.OccurredAt, ActionIds.EventTick(marketplaceEvent.Id), listening, marketplaceEvent));
        }

        proposals.AddRange(await RunDueViewsAsync(marketplaceEvent.OccurredAt));
        await WriteAsync(await ApproveAsync(proposals, timeProvider.GetUtcNow()));
        return true;
    }

    /// <summary>Moves the data clock to <paramref name="clock"/> if that is later, and runs the view rules that came due.</summary>
    private async Task<List<ProposedAction>> RunDueViewsAsync(DateTimeOffset clock)
    {
        var current = state.State;
        current.DataClock = current.DataClock is { } known && known > clock ? known : clock;
        var proposals = new List<ProposedAction>();
        foreach (var (view, ruleId, at) in followUps.Due(current.PendingViews, current.DataClock.Value))
        {
            proposals.AddRange(await RunRulesAsync(RuleTrigger.Event, at, EventFollowUps.FollowUpTick(view), new HashSet<string>(StringComparer.Ordinal) { ruleId }, view));
        }

        return proposals;
    }
}
