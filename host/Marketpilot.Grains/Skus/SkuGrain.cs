using Marketpilot.Actions;
using Marketpilot.Actions.Control;
using Marketpilot.Actions.Dispatch;
using Marketpilot.Actions.Evaluation;
using Marketpilot.Actions.Guardrails;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Events;
using Marketpilot.Sdk.Rules;
using Microsoft.Extensions.Logging;
using Orleans.Providers;

namespace Marketpilot.Grains.Skus;

/// <summary>
/// Keeps one SKU's snapshot, history, campaigns and rule states. On every update it records the snapshot and runs the
/// data-change rules; the rule scheduler asks it to run the hourly, daily and cron rules, and marketplace events run the
/// event rules (<see cref="OnEventsAsync"/>). Either way their proposals pass the
/// guardrails (<see cref="ActionApprover"/>), and the snapshot, the rule states and the action records are written in
/// one transaction (the state carries the records as its outbox). The grain then wakes the outbox dispatcher and
/// returns: no marketplace call happens in its turn.
/// </summary>
/// <param name="state">The persisted state (default storage).</param>
/// <param name="rules">The loaded rules.</param>
/// <param name="round">Runs a trigger's rules on the SKU (the one evaluation core).</param>
/// <param name="followUps">Which rules an event runs, now or after a view's delay.</param>
/// <param name="approver">Runs proposals through the guardrails.</param>
/// <param name="switches">The rules' modes as set through the API or CLI.</param>
/// <param name="signal">Wakes the outbox dispatcher.</param>
/// <param name="timeProvider">The clock rules see as <c>Now</c>.</param>
/// <param name="logger">The logger.</param>
public sealed partial class SkuGrain(
    [PersistentState(SkuGrain.StateName, ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IPersistentState<SkuState> state,
    IRuleRunner rules,
    RuleRound round,
    EventFollowUps followUps,
    ActionApprover approver,
    AutomationSwitches switches,
    OutboxSignal signal,
    TimeProvider timeProvider,
    ILogger<SkuGrain> logger) : Grain, ISkuGrain
{
    /// <summary>The name of the SKU state in grain storage; every SKU ever recorded has a row under it.</summary>
    public const string StateName = "sku";

    /// <inheritdoc/>
    public Task<SkuView> UpdateAsync(SkuSnapshot snapshot) => UpdateAsync(snapshot, MetricKinds.All);

    /// <inheritdoc/>
    public async Task<SkuView> UpdateAsync(SkuSnapshot snapshot, MetricKinds metrics)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var key = this.GetPrimaryKeyString();
        if (GrainKeys.For(snapshot.Key) != key)
        {
            throw new ArgumentException($"Snapshot for '{snapshot.Key}' was sent to SKU grain '{key}'.", nameof(snapshot));
        }

        var now = timeProvider.GetUtcNow();
        var current = state.State;
        var date = snapshot.Date ?? DateOnly.FromDateTime(now.UtcDateTime);
        var day = MetricMask.Merge(current.History.LastOrDefault(d => d.Date == date), snapshot.MetricsFor(date), metrics);
        current.Snapshot = KnownCost.Keep(current.Snapshot, metrics == MetricKinds.All ? snapshot : MetricMask.WithDay(snapshot, day));
        DailyHistory.Upsert(current.History, day, static d => d.Date);
        var kept = current.Snapshot;
        DailyHistory.Upsert(current.Days, new SkuDayValues(date, kept.Price, kept.Cost, kept.Stock, snapshot.Revenue), static d => d.Date);
        current.UpdatedAt = now;

        // One write for the snapshot, the rule states and the actions: acknowledged only once all three are durable.
        var evaluatedAt = RuleClock.EvaluationTime(snapshot.Date, now);
        var proposals = await RunRulesAsync(RuleTrigger.DataChange, evaluatedAt, ActionIds.DataTick(snapshot), only: null);
        proposals.AddRange((await RunDueViewsAsync(evaluatedAt)).Proposals);
        await WriteAsync(await ApproveAsync(proposals, now));
        return ToView(current);
    }

    /// <inheritdoc/>
    public async Task<bool> RunScheduledAsync(RuleTrigger trigger, DateTimeOffset scheduledAt)
    {
        if (trigger is not (RuleTrigger.Hourly or RuleTrigger.Daily))
        {
            throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Only hourly and daily rules run here: data-change rules run when a snapshot arrives, cron rules through RunCronAsync.");
        }

        var current = state.State;
        if (current.Snapshot is null || (current.ScheduledRuns.TryGetValue(trigger, out var last) && last >= scheduledAt))
        {
            return false;
        }

        // The stored snapshot is what the host knows at the scheduled time, so rules see that time as Now (not the
        // snapshot's day, which would stand still between snapshots and keep cooldowns from ever running out).
        current.ScheduledRuns[trigger] = scheduledAt;
        await EvaluateAsync(trigger, scheduledAt, timeProvider.GetUtcNow(), ActionIds.ScheduleTick(trigger.ToString(), scheduledAt));
        return true;
    }

    /// <inheritdoc/>
    public async Task<bool> RunCronAsync(IReadOnlyList<string> ruleIds, DateTimeOffset scheduledAt)
    {
        ArgumentNullException.ThrowIfNull(ruleIds);
        var current = state.State;
        var due = ruleIds.Where(id => !(current.CronRuns.TryGetValue(id, out var last) && last >= scheduledAt)).ToHashSet(StringComparer.Ordinal);
        if (current.Snapshot is null || due.Count == 0)
        {
            return false;
        }

        foreach (var id in due)
        {
            current.CronRuns[id] = scheduledAt;
        }

        await EvaluateAsync(RuleTrigger.Cron, scheduledAt, timeProvider.GetUtcNow(), ActionIds.ScheduleTick("cron", scheduledAt), due);
        return true;
    }

    /// <inheritdoc/>
    public async Task LinkCampaignAsync(CampaignSnapshot campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var sku = GrainKeys.ParseSku(this.GetPrimaryKeyString());
        var covers = campaign.Covers(sku);
        var link = CampaignLink.Of(campaign, sku.Sku);
        var changed = covers
            ? !Equals(state.State.Campaigns.GetValueOrDefault(campaign.CampaignId), link)
            : state.State.Campaigns.Remove(campaign.CampaignId);
        if (!changed)
        {
            return;
        }

        if (covers)
        {
            state.State.Campaigns[campaign.CampaignId] = link;
        }

        await state.WriteStateAsync();
    }

    /// <inheritdoc/>
    public Task<SkuView?> GetAsync() =>
        Task.FromResult(state.RecordExists && state.State.Snapshot is not null ? ToView(state.State) : null);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ActionRecord>> QueueAsync(IReadOnlyList<ProposedAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (!state.RecordExists || state.State.Snapshot is null)
        {
            throw new KeyNotFoundException($"SKU {this.GetPrimaryKeyString()} has no snapshot.");
        }

        var records = await ApproveAsync(actions, timeProvider.GetUtcNow());
        await WriteAsync(records);
        return records;
    }

    /// <summary>Runs the rules with <paramref name="trigger"/> as of <paramref name="evaluatedAt"/>, passes their proposals through the guardrails, and writes everything at once.</summary>
    private async Task EvaluateAsync(RuleTrigger trigger, DateTimeOffset evaluatedAt, DateTimeOffset now, string tick, IReadOnlySet<string>? only = null)
    {
        var proposals = await RunRulesAsync(trigger, evaluatedAt, tick, only);
        await WriteAsync(await ApproveAsync(proposals, now));
    }

    private async Task<IReadOnlyList<ActionRecord>> ApproveAsync(IReadOnlyList<ProposedAction> proposals, DateTimeOffset now)
    {
        if (proposals.Count == 0)
        {
            return [];
        }

        var current = state.State;
        var day = SkuActionDay.For(current.ActionDay, DateOnly.FromDateTime(now.UtcDateTime));
        var records = await approver.ApproveAsync(current.Snapshot!, current.Campaigns.Values, proposals, day, now);
        current.ActionDay = day;
        return records;
    }

    // The state carries the records as its outbox: the storage logs them in the same transaction as the state.
    private async Task WriteAsync(IReadOnlyList<ActionRecord> records)
    {
        state.State.Outbox.AddRange(records);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // What is in memory was not written: start again from what is stored.
            state.State.Outbox.Clear();
            DeactivateOnIdle();
            throw;
        }

        if (records.Any(r => r.Status == ActionStatus.Proposed))
        {
            signal.Notify();
        }
    }

    private async Task<List<ProposedAction>> RunRulesAsync(
        RuleTrigger trigger, DateTimeOffset evaluatedAt, string tick, IReadOnlySet<string>? only, MarketplaceEvent? marketplaceEvent = null)
    {
        var snapshot = state.State.Snapshot!;
        var context = SkuEvaluationContext.Create(snapshot, state.State.History, state.State.Campaigns.Values, evaluatedAt, marketplaceEvent);
        var sku = snapshot.Key.ToString();
        var entries = await round.RunAsync(context, state.State.Rules, trigger, tick, rule => switches.ModeOf(rule, rules), only: only);
        var proposals = new List<ProposedAction>();
        foreach (var entry in entries)
        {
            var (rule, run) = (entry.Rule, entry.Run);
            foreach (var message in run.Messages)
            {
                LogRuleMessage(sku, rule.Id, rule.Version, message);
            }

            if (run.Outcome is RuleOutcome.Failed or RuleOutcome.TimedOut)
            {
                LogRuleFailed(sku, rule.Id, rule.Version, run.Outcome, run.Error);
            }

            state.State.Rules.Set(entry.State);
            proposals.AddRange(entry.Proposals);
        }

        LogEvaluated(sku, trigger, evaluatedAt, entries.Count, proposals.Count);
        return proposals;
    }

    private static SkuView ToView(SkuState current)
    {
        var snapshot = current.Snapshot!;
        var history = current.History.ToList();
        var lastDay = snapshot.Date ?? (history.Count > 0 ? history[^1].Date : DateOnly.FromDateTime(current.UpdatedAt.UtcDateTime));
        return new SkuView(
            snapshot,
            history,
            MetricWindow.Over(history, 1, lastDay),
            MetricWindow.Over(history, 7, lastDay),
            MetricWindow.Over(history, 30, lastDay),
            current.Campaigns.Values.OrderBy(c => c.CampaignId, StringComparer.Ordinal).ToList(),
            current.Rules.Values.OrderBy(r => r.RuleId, StringComparer.Ordinal).ToList(),
            current.UpdatedAt,
            [.. current.Days]);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ran {RuleCount} {Trigger} rules on {Sku} as of {EvaluatedAt:o}: {ActionCount} actions")]
    private partial void LogEvaluated(string sku, RuleTrigger trigger, DateTimeOffset evaluatedAt, int ruleCount, int actionCount);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rule {RuleId} ({RuleVersion}) on {Sku}: {RuleMessage}")]
    private partial void LogRuleMessage(string sku, string ruleId, string ruleVersion, string ruleMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule {RuleId} ({RuleVersion}) on {Sku} ended {Outcome}: {Error}. The other rules still run")]
    private partial void LogRuleFailed(string sku, string ruleId, string ruleVersion, RuleOutcome outcome, string? error);
}
