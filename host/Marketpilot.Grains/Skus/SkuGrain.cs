using Marketpilot.Grains.Actions;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;
using Microsoft.Extensions.Logging;
using Orleans.Providers;

namespace Marketpilot.Grains.Skus;

/// <summary>
/// Keeps one SKU's snapshot, history, campaigns and rule states; on every update it persists the snapshot first, then
/// runs each rule, logs the proposed actions, persists the rule states and dispatches the actions.
/// </summary>
/// <param name="state">The persisted state (default storage).</param>
/// <param name="rules">The loaded rules.</param>
/// <param name="actionLog">The action log.</param>
/// <param name="outbox">Carries out logged actions and keeps those that failed for a while pending for retries.</param>
/// <param name="timeProvider">The clock rules see as <c>Now</c>.</param>
/// <param name="logger">The logger.</param>
public sealed partial class SkuGrain(
    [PersistentState("sku", ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IPersistentState<SkuState> state,
    IRuleRunner rules,
    IActionLog actionLog,
    ActionOutbox outbox,
    TimeProvider timeProvider,
    ILogger<SkuGrain> logger) : Grain, ISkuGrain
{
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

        var records = await RunRulesAsync(snapshot, RuleClock.EvaluationTime(snapshot.Date, now), now);
        if (records.Count > 0)
        {
            await actionLog.AppendAsync(records);
        }

        await state.WriteStateAsync();
        await outbox.DispatchAsync([.. records.Where(r => r.Status == ActionStatus.Proposed)]);
        return ToView(current);
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

    private async Task<List<ActionRecord>> RunRulesAsync(SkuSnapshot snapshot, DateTimeOffset evaluatedAt, DateTimeOffset now)
    {
        var history = state.State.History.ToArray();
        var campaigns = state.State.Campaigns.Values.ToArray();
        var sku = snapshot.Key.ToString();
        var records = new List<ActionRecord>();

        foreach (var rule in rules.Rules)
        {
            var previous = state.State.Rules.GetValueOrDefault(rule.Id) ?? RuleState.New(rule.Id);
            RuleRun run;
            try
            {
                run = await rules.RunAsync(rule, new RuleGlobals(snapshot, history, campaigns, previous, evaluatedAt), CancellationToken.None);
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
                LastFiredAt = run.Outcome == RuleOutcome.Fired ? evaluatedAt : previous.LastFiredAt,
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

        return records;
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
            current.UpdatedAt);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule {RuleId} ({RuleVersion}) on {Sku}: {RuleMessage}")]
    private partial void LogRuleMessage(string sku, string ruleId, string ruleVersion, string ruleMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule {RuleId} ({RuleVersion}) on {Sku} ended {Outcome}: {Error}. The other rules still run")]
    private partial void LogRuleFailed(string sku, string ruleId, string ruleVersion, RuleOutcome outcome, string? error);
}
