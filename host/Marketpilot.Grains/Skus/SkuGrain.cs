using Marketpilot.Grains.Actions;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;
using Microsoft.Extensions.Logging;
using Orleans.Providers;

namespace Marketpilot.Grains.Skus;

/// <summary>
/// Keeps one SKU's snapshot, history, campaigns and rule states. On every update it persists the snapshot first, then
/// runs the data-change rules; the rule scheduler asks it to run the hourly and daily rules. Either way it logs the
/// proposed actions, persists the rule states and dispatches the actions.
/// </summary>
/// <param name="state">The persisted state (default storage).</param>
/// <param name="rules">The loaded rules.</param>
/// <param name="actionLog">The action log.</param>
/// <param name="outbox">Carries out logged actions and keeps those that failed for a while pending for retries.</param>
/// <param name="timeProvider">The clock rules see as <c>Now</c>.</param>
/// <param name="logger">The logger.</param>
public sealed partial class SkuGrain(
    [PersistentState(SkuGrain.StateName, ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IPersistentState<SkuState> state,
    IRuleRunner rules,
    IActionLog actionLog,
    ActionOutbox outbox,
    TimeProvider timeProvider,
    ILogger<SkuGrain> logger) : Grain, ISkuGrain
{
    /// <summary>The name of the SKU state in grain storage; every SKU ever recorded has a row under it.</summary>
    public const string StateName = "sku";

    /// <summary>The action log reason of a proposal made by a rule in dry-run mode.</summary>
    public const string DryRunReason = "dry run: recorded, not applied";

    /// <inheritdoc/>
    public async Task<SkuView> UpdateAsync(SkuSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var key = this.GetPrimaryKeyString();
        if (GrainKeys.For(snapshot.Key) != key)
        {
            throw new ArgumentException($"Snapshot for '{snapshot.Key}' was sent to SKU grain '{key}'.", nameof(snapshot));
        }

        var now = timeProvider.GetUtcNow();
        var current = state.State;
        current.Snapshot = snapshot;
        DailyHistory.Upsert(current.History, snapshot.MetricsFor(snapshot.Date ?? DateOnly.FromDateTime(now.UtcDateTime)), static d => d.Date);
        current.UpdatedAt = now;
        await state.WriteStateAsync();

        await EvaluateAsync(RuleTrigger.DataChange, RuleClock.EvaluationTime(snapshot.Date, now), now);
        return ToView(current);
    }

    /// <inheritdoc/>
    public async Task<bool> RunScheduledAsync(RuleTrigger trigger, DateTimeOffset scheduledAt)
    {
        if (trigger == RuleTrigger.DataChange)
        {
            throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Data-change rules run when a snapshot arrives, not on a schedule.");
        }

        var current = state.State;
        if (current.Snapshot is null || (current.ScheduledRuns.TryGetValue(trigger, out var last) && last >= scheduledAt))
        {
            return false;
        }

        // The stored snapshot is what the host knows at the scheduled time, so rules see that time as Now (not the
        // snapshot's day, which would stand still between snapshots and keep cooldowns from ever running out).
        current.ScheduledRuns[trigger] = scheduledAt;
        await EvaluateAsync(trigger, scheduledAt, timeProvider.GetUtcNow());
        return true;
    }

    /// <inheritdoc/>
    public async Task LinkCampaignAsync(CampaignSnapshot campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var sku = GrainKeys.ParseSku(this.GetPrimaryKeyString());
        var covers = campaign.Marketplace == sku.Marketplace && campaign.ShopId == sku.ShopId && campaign.Skus.Contains(sku.Sku);
        var changed = covers
            ? !Equals(state.State.Campaigns.GetValueOrDefault(campaign.CampaignId), campaign)
            : state.State.Campaigns.Remove(campaign.CampaignId);
        if (!changed)
        {
            return;
        }

        if (covers)
        {
            state.State.Campaigns[campaign.CampaignId] = campaign;
        }

        await state.WriteStateAsync();
    }

    /// <inheritdoc/>
    public Task<SkuView?> GetAsync() =>
        Task.FromResult(state.RecordExists && state.State.Snapshot is not null ? ToView(state.State) : null);

    /// <summary>Runs the rules with <paramref name="trigger"/> as of <paramref name="evaluatedAt"/>, logs their proposals, persists the rule states, then dispatches.</summary>
    private async Task EvaluateAsync(RuleTrigger trigger, DateTimeOffset evaluatedAt, DateTimeOffset now)
    {
        var records = await RunRulesAsync(trigger, evaluatedAt, now);
        if (records.Count > 0)
        {
            await actionLog.AppendAsync(records);
        }

        await state.WriteStateAsync();
        await outbox.DispatchAsync([.. records.Where(r => r.Status == ActionStatus.Proposed)]);
    }

    private async Task<List<ActionRecord>> RunRulesAsync(RuleTrigger trigger, DateTimeOffset evaluatedAt, DateTimeOffset now)
    {
        var snapshot = state.State.Snapshot!;
        var context = SkuEvaluationContext.Create(snapshot, state.State.History, state.State.Campaigns.Values, evaluatedAt);
        var sku = snapshot.Key.ToString();
        var records = new List<ActionRecord>();
        var ran = 0;

        foreach (var rule in rules.Rules)
        {
            if (!rules.TriggersOf(rule).Contains(trigger))
            {
                continue;
            }

            ran++;
            var previous = state.State.Rules.GetValueOrDefault(rule.Id) ?? RuleState.New(rule.Id);
            RuleRun run;
            try
            {
                run = await rules.RunAsync(rule, context.GlobalsFor(previous), CancellationToken.None);
            }
            catch (Exception ex)
            {
                // The runner reports script faults as outcomes; anything it throws is a host fault, kept to this rule.
                run = new RuleRun(rule, RuleOutcome.Failed, [], [], ex.Message);
            }

            foreach (var message in run.Messages)
            {
                LogRuleMessage(sku, rule.Id, rule.Version, message);
            }

            var failed = run.Outcome is RuleOutcome.Failed or RuleOutcome.TimedOut;
            if (failed)
            {
                LogRuleFailed(sku, rule.Id, rule.Version, run.Outcome, run.Error);
            }

            state.State.Rules[rule.Id] = previous with
            {
                RuleVersion = rule.Version,
                LastRunAt = evaluatedAt,
                LastFiredAt = run.Outcome == RuleOutcome.Fired ? Latest(previous.LastFiredAt, evaluatedAt) : previous.LastFiredAt,
                LastOutcome = run.Outcome,
                LastError = failed ? run.Error : null,
                ConsecutiveFailures = failed ? previous.ConsecutiveFailures + 1 : 0,
                TotalFailures = failed ? previous.TotalFailures + 1 : previous.TotalFailures,
            };

            if (run.Outcome == RuleOutcome.Fired)
            {
                // A dry-run rule's proposals are recorded for review and never reach a connector.
                var dryRun = rules.ModeOf(rule) == RuleMode.DryRun;
                records.AddRange(run.Actions.Select(action => new ActionRecord(
                    Guid.CreateVersion7(now).ToString("N"), rule.Id, rule.Version, snapshot.Key, action,
                    dryRun ? ActionStatus.Rejected : ActionStatus.Proposed, dryRun ? DryRunReason : null, now, now,
                    Attempts: 0, NextAttemptAt: dryRun ? null : outbox.LeaseUntil(now))));
            }
        }

        LogEvaluated(sku, trigger, evaluatedAt, ran, records.Count);
        return records;
    }

    // Scheduled runs see the wall clock and data-change runs the data's calendar, which may be ahead of it (a simulated
    // shop); the later firing wins so that no run shortens a cooldown.
    private static DateTimeOffset Latest(DateTimeOffset? previous, DateTimeOffset at) => previous is { } p && p > at ? p : at;

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
            current.UpdatedAt);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ran {RuleCount} {Trigger} rules on {Sku} as of {EvaluatedAt:o}: {ActionCount} actions")]
    private partial void LogEvaluated(string sku, RuleTrigger trigger, DateTimeOffset evaluatedAt, int ruleCount, int actionCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule {RuleId} ({RuleVersion}) on {Sku}: {RuleMessage}")]
    private partial void LogRuleMessage(string sku, string ruleId, string ruleVersion, string ruleMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule {RuleId} ({RuleVersion}) on {Sku} ended {Outcome}: {Error}. The other rules still run")]
    private partial void LogRuleFailed(string sku, string ruleId, string ruleVersion, RuleOutcome outcome, string? error);
}
