using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketpilot.Grains.Actions;

/// <summary>
/// Hands logged actions to the dispatcher and records each attempt: applied and rejected actions are settled; one that
/// failed in a way that may pass stays <see cref="ActionStatus.Proposed"/> and is retried later with the same
/// idempotency key, with a doubling delay, until <see cref="ActionDispatchOptions.MaxAttempts"/>.
/// </summary>
/// <remarks>
/// An action is logged before its first attempt with its next attempt a lease away (<see cref="LeaseUntil"/>), so if the
/// host stops mid-attempt the retry loop takes it up once the lease ends; nothing proposed is ever lost. An action is
/// settled only while it is still proposed, so a late answer never changes an applied action back.
/// </remarks>
/// <param name="log">The action log.</param>
/// <param name="dispatcher">Carries the actions out.</param>
/// <param name="options">Timeout and retry settings.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">The logger.</param>
public sealed partial class ActionOutbox(
    IActionLog log,
    IActionDispatcher dispatcher,
    IOptions<ActionDispatchOptions> options,
    TimeProvider time,
    ILogger<ActionOutbox> logger)
{
    private readonly ActionDispatchOptions _options = options.Value;

    /// <summary>How long an attempt that starts at <paramref name="now"/> keeps its actions from being taken by the retry loop.</summary>
    /// <param name="now">When the attempt starts.</param>
    /// <returns>Twice the dispatch timeout and a minute after <paramref name="now"/>.</returns>
    public DateTimeOffset LeaseUntil(DateTimeOffset now) => now + TimeSpan.FromMilliseconds(2.0 * _options.TimeoutMilliseconds) + TimeSpan.FromMinutes(1);

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

        var results = await dispatcher.DispatchAsync([.. records.Select(r => new ActionRequest(r.ActionId, r.Sku, r.Action, r.RuleId))], cancellationToken);
        var byKey = results.GroupBy(r => r.IdempotencyKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var at = time.GetUtcNow();
        var settled = new List<ActionRecord>(records.Count);
        foreach (var record in records)
        {
            var result = byKey.GetValueOrDefault(record.ActionId) ?? new ActionResult(record.ActionId, ActionResultStatus.RetryableFailure, "dispatcher returned no result");
            var attempts = record.Attempts + 1;
            var (status, reason, next) = result.Status switch
            {
                ActionResultStatus.Applied => (ActionStatus.Applied, result.Reason, (DateTimeOffset?)null),
                ActionResultStatus.Rejected => (ActionStatus.Rejected, result.Reason, null),
                _ when _options.MaxAttempts > 0 && attempts >= _options.MaxAttempts =>
                    (ActionStatus.Failed, $"gave up after {attempts} attempts: {result.Reason}", null),
                _ => Retry(result.Reason, attempts, at),
            };

            if (await log.RecordAttemptAsync(record.ActionId, status, reason, attempts, next, at, cancellationToken))
            {
                LogAttempt(record.ActionId, record.Kind.ToString(), record.RuleId, record.RuleVersion, record.Sku.ToString(), attempts, status, reason);
            }

            settled.Add(record with { Status = status, StatusReason = reason, Attempts = attempts, NextAttemptAt = next, UpdatedAt = at });
        }

        return settled;
    }

    /// <summary>Takes the proposed actions that are due and dispatches them again, with their original idempotency keys.</summary>
    /// <param name="cancellationToken">Cancels the round.</param>
    /// <returns>How many actions were tried.</returns>
    public async Task<int> RetryDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var due = await log.ClaimDueAsync(now, LeaseUntil(now), _options.RetryBatchSize, cancellationToken);
        if (due.Count > 0)
        {
            LogRetrying(due.Count);
            await DispatchAsync(due, cancellationToken);
        }

        return due.Count;
    }

    private (ActionStatus, string, DateTimeOffset?) Retry(string? reason, int attempts, DateTimeOffset at)
    {
        var delay = Math.Min(_options.MaxRetryDelayMilliseconds, _options.RetryDelayMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30)));
        var next = at + TimeSpan.FromMilliseconds(delay);
        return (ActionStatus.Proposed, $"attempt {attempts} failed: {reason ?? "no reason given"}; retrying at {next:u}", next);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Action {ActionId} ({Kind}) of rule {RuleId} ({RuleVersion}) on {Sku}, attempt {Attempts}, is {Status}: {Reason}")]
    private partial void LogAttempt(string actionId, string kind, string ruleId, string ruleVersion, string sku, int attempts, ActionStatus status, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrying {Count} pending actions")]
    private partial void LogRetrying(int count);
}
