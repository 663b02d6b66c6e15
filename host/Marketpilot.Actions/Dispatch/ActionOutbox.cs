using Marketpilot.Actions.Connectors;
using Marketpilot.Actions.Control;
using Marketpilot.Actions.Telemetry;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketpilot.Actions.Dispatch;

/// <summary>
/// Drains the outbox (the proposed actions of the action log): hands them to the dispatcher and records each attempt: applied and rejected actions are settled; one that
/// failed in a way that may pass stays <see cref="ActionStatus.Proposed"/> and is retried later with the same
/// idempotency key, with a doubling delay, until <see cref="ActionDispatchOptions.MaxAttempts"/>.
/// </summary>
/// <remarks>
/// A claimed action is leased until <see cref="LeaseUntil"/>, so if the host stops mid-attempt it is taken up again once
/// the lease ends (the embedded store releases every lease at start); nothing approved is ever lost, and the connector
/// gets the same idempotency key every time. An action is settled only while it is still proposed, so a late answer
/// never changes an applied action back.
/// </remarks>
/// <param name="log">The action log.</param>
/// <param name="dispatcher">Carries the actions out.</param>
/// <param name="directory">The plugin-call deadline, which bounds a lease.</param>
/// <param name="switches">The rules' modes: a rule switched off sends none of its actions still waiting.</param>
/// <param name="options">Timeout and retry settings.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">The logger.</param>
public sealed partial class ActionOutbox(
    IActionLog log,
    IActionDispatcher dispatcher,
    ConnectorDirectory directory,
    AutomationSwitches switches,
    IOptions<ActionDispatchOptions> options,
    TimeProvider time,
    ILogger<ActionOutbox> logger)
{
    private readonly ActionDispatchOptions _options = options.Value;

    /// <summary>How long an attempt that starts at <paramref name="now"/> keeps its actions from being taken again.</summary>
    /// <param name="now">When the attempt starts.</param>
    /// <returns>Twice the plugin-call deadline and a minute after <paramref name="now"/>.</returns>
    public DateTimeOffset LeaseUntil(DateTimeOffset now) => now + 2 * directory.CallTimeout + TimeSpan.FromMinutes(1);

    /// <summary>Dispatches logged, proposed actions and records what became of each.</summary>
    /// <param name="records">The actions, as logged.</param>
    /// <param name="cancellationToken">Cancels the dispatch; the actions then stay proposed.</param>
    /// <returns>The records as they are now.</returns>
    public async Task<IReadOnlyList<ActionRecord>> DispatchAsync(IReadOnlyList<ActionRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return [];
        }

        // A rule switched off after proposing (a rollback, an emergency stop) sends nothing more; undos still go.
        var withdrawn = records.Where(r => r.UndoOf is null && switches.IsSwitchedOff(r.RuleId)).Select(r => r.ActionId).ToHashSet(StringComparer.Ordinal);
        var sent = withdrawn.Count == 0 ? records : [.. records.Where(r => !withdrawn.Contains(r.ActionId))];
        var outcomes = sent.Count == 0 ? [] : await dispatcher.DispatchAsync(sent, cancellationToken);
        outcomes = [.. outcomes, .. withdrawn.Select(id => new DispatchOutcome(id, ActionResultStatus.Rejected, "its rule was switched off before it was applied; not sent"))];
        var byId = outcomes.GroupBy(o => o.ActionId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var at = time.GetUtcNow();
        var settled = new List<ActionRecord>(records.Count);
        foreach (var record in records)
        {
            var outcome = byId.GetValueOrDefault(record.ActionId) ?? new DispatchOutcome(record.ActionId, ActionResultStatus.RetryableFailure, "dispatcher returned no result");
            var attempts = record.Attempts + 1;
            var (status, reason, next) = outcome.Status switch
            {
                ActionResultStatus.Applied => (ActionStatus.Applied, outcome.Reason, (DateTimeOffset?)null),
                ActionResultStatus.Rejected => (ActionStatus.Rejected, outcome.Reason, null),
                _ when _options.MaxAttempts > 0 && attempts >= _options.MaxAttempts =>
                    (ActionStatus.Failed, $"gave up after {attempts} attempts: {outcome.Reason}", null),
                _ => Retry(outcome.Reason, attempts, at, outcome.RetryAfter),
            };

            var after = record with
            {
                Status = status, StatusReason = reason, Attempts = attempts, NextAttemptAt = next, UpdatedAt = at,
                CreatedId = outcome.CreatedId ?? record.CreatedId, Deliveries = outcome.Deliveries ?? record.Deliveries,
            };
            if (await log.RecordAttemptAsync(after, cancellationToken))
            {
                ActionMetrics.Attempted(status);
                LogAttempt(record.ActionId, record.Kind.ToString(), record.RuleId, record.RuleVersion, record.Sku.ToString(), attempts, status, reason);
            }

            settled.Add(after);
        }

        return settled;
    }

    /// <summary>Takes the proposed actions that are due and dispatches them, with their ids as idempotency keys, shops in parallel.</summary>
    /// <param name="cancellationToken">Cancels the round.</param>
    /// <returns>How many actions were taken.</returns>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var due = await log.ClaimDueAsync(now, LeaseUntil(now), _options.RetryBatchSize, cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        LogDispatching(due.Count);
        var shops = due.GroupBy(r => (r.Sku.Marketplace, r.Sku.ShopId)).Select(g => g.ToList());
        await Parallel.ForEachAsync(
            shops,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentShops, CancellationToken = cancellationToken },
            async (shop, token) => await DispatchAsync(shop, token));
        return due.Count;
    }

    private (ActionStatus, string, DateTimeOffset?) Retry(string? reason, int attempts, DateTimeOffset at, TimeSpan? askedFor)
    {
        var next = at + Backoff.After(attempts, TimeSpan.FromMilliseconds(_options.RetryDelayMilliseconds), TimeSpan.FromMilliseconds(_options.MaxRetryDelayMilliseconds), askedFor);
        return (ActionStatus.Proposed, $"attempt {attempts} failed: {reason ?? "no reason given"}; retrying at {next:u}", next);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Action {ActionId} ({Kind}) of rule {RuleId} ({RuleVersion}) on {Sku}, attempt {Attempts}, is {Status}: {Reason}")]
    private partial void LogAttempt(string actionId, string kind, string ruleId, string ruleVersion, string sku, int attempts, ActionStatus status, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dispatching {Count} due actions")]
    private partial void LogDispatching(int count);
}
