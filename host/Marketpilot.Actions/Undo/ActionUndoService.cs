using Marketpilot.Actions.Control;
using Marketpilot.Scripting.Metadata;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Actions.Undo;

/// <summary>
/// Undoes applied actions: builds the compensating actions from the values each replaced and queues them through the
/// SKU's guardrails and the outbox (<see cref="IActionQueue"/>). Refuses, saying why, to undo an undo, an action that
/// was not applied, one already undone, or one a later action overwrote.
/// </summary>
/// <param name="log">The action log.</param>
/// <param name="queue">Queues compensating actions through the SKU grains.</param>
/// <param name="switches">Turns a rolled-back rule off.</param>
/// <param name="logger">The logger.</param>
public sealed partial class ActionUndoService(IActionLog log, IActionQueue queue, AutomationSwitches switches, ILogger<ActionUndoService> logger)
{
    // One page of the log: a rollback of more reports the rest as skipped and can be repeated.
    private const int MaxRollback = 1000;

    private static readonly IReadOnlyList<ActionStatus> Live = [ActionStatus.Proposed, ActionStatus.Applied];

    /// <summary>Undoes one applied action.</summary>
    /// <param name="actionId">The action.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>What came of it.</returns>
    public async Task<UndoOutcome> UndoAsync(string actionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        var action = await log.GetAsync(actionId, cancellationToken);
        return action is null
            ? new UndoOutcome(UndoStatus.NotFound, [], $"no action has id '{actionId}'")
            : await UndoAsync(action, new HashSet<string>(StringComparer.Ordinal), cancellationToken);
    }

    /// <summary>Turns a rule off and undoes everything it applied since <paramref name="since"/>, newest first.</summary>
    /// <param name="ruleId">The rule.</param>
    /// <param name="since">The earliest proposal time to undo.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>What was queued and what was left, with reasons.</returns>
    public async Task<RollbackOutcome> RollbackAsync(string ruleId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        await switches.SetRuleModeAsync(ruleId, RuleMode.Off);

        var applied = await log.QueryAsync(
            new ActionQuery(RuleId: ruleId, Status: ActionStatus.Applied, Since: since, Undo: false, Limit: MaxRollback), cancellationToken);
        var rolledBack = applied.Items.Select(a => a.ActionId).ToHashSet(StringComparer.Ordinal);
        var queued = new List<string>();
        var skipped = new List<SkippedUndo>();
        foreach (var action in applied.Items)
        {
            var outcome = await UndoAsync(action, rolledBack, cancellationToken);
            if (outcome.Status == UndoStatus.Queued)
            {
                queued.AddRange(outcome.ActionIds);
            }
            else
            {
                skipped.Add(new SkippedUndo(action.ActionId, outcome.Reason ?? outcome.Status.ToString()));
            }
        }

        if (applied.Total > applied.Items.Count)
        {
            skipped.Add(new SkippedUndo("*", $"only the newest {applied.Items.Count} of {applied.Total} applied actions were rolled back; roll back again"));
        }

        LogRolledBack(ruleId, since, queued.Count, skipped.Count);
        return new RollbackOutcome(ruleId, queued, skipped);
    }

    private async Task<UndoOutcome> UndoAsync(ActionRecord action, IReadOnlySet<string> undoneTogether, CancellationToken cancellationToken)
    {
        if (action.UndoOf is { } original)
        {
            return UndoOutcome.Refused($"action {action.ActionId} is itself the undo of {original}; an undo cannot be undone");
        }

        if (action.Status != ActionStatus.Applied)
        {
            return UndoOutcome.Refused($"action {action.ActionId} is {ActionStatusNames.Of(action.Status)}; only applied actions can be undone");
        }

        var undos = await log.QueryAsync(new ActionQuery(UndoOf: action.ActionId, Limit: 1000), cancellationToken);
        if (undos.Items.FirstOrDefault(u => u.Status is not (ActionStatus.Rejected or ActionStatus.Failed)) is { } undone)
        {
            return UndoOutcome.Refused($"action {action.ActionId} is already undone by action {undone.ActionId} ({ActionStatusNames.Of(undone.Status)})");
        }

        var later = await log.QueryAsync(
            new ActionQuery(Sku: action.Sku.Sku, Marketplace: action.Sku.Marketplace, ShopId: action.Sku.ShopId, Since: action.ProposedAt, Statuses: Live, OldestFirst: true, Limit: 1000),
            cancellationToken);
        var after = later.Items.SkipWhile(l => l.ActionId != action.ActionId).Skip(1);
        var overwriting = after.FirstOrDefault(l =>
            !undoneTogether.Contains(l.ActionId) && !(l.UndoOf is { } of && undoneTogether.Contains(of)) && Compensation.Overlaps(action.Action, l.Action));
        if (overwriting is not null)
        {
            return UndoOutcome.Refused(
                $"action {action.ActionId} was overwritten by action {overwriting.ActionId} ({overwriting.Kind}, {ActionStatusNames.Of(overwriting.Status)}, proposed {overwriting.ProposedAt:u}); undo that one first");
        }

        var (compensations, refusal) = Compensation.For(action);
        if (refusal is not null)
        {
            return UndoOutcome.Refused($"action {action.ActionId} cannot be undone: {refusal}");
        }

        // Each attempt gets ids of its own: an attempt the guardrails refused stays in the log, and a later one may pass.
        var attempt = undos.Total;
        var proposals = compensations
            .Select((c, i) => new ProposedAction(ActionIds.UndoOf(action.ActionId, (int)attempt * 100 + i), action.RuleId, action.RuleVersion, c, UndoOf: action.ActionId))
            .ToList();
        var records = await queue.QueueAsync(action.Sku, proposals);
        var ids = records.Select(r => r.ActionId).ToList();
        if (records.FirstOrDefault(r => r.Status == ActionStatus.Rejected) is { } rejected)
        {
            return UndoOutcome.Refused($"the guardrails refused the undo of action {action.ActionId}: {rejected.StatusReason}", ids);
        }

        LogQueued(action.ActionId, action.Sku.ToString(), ids.Count);
        return new UndoOutcome(UndoStatus.Queued, ids);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queued {Count} actions undoing {ActionId} on {Sku}")]
    private partial void LogQueued(string actionId, string sku, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rolled back rule {RuleId} since {Since:o}: {Queued} undo actions queued, {Skipped} actions left; the rule is off")]
    private partial void LogRolledBack(string ruleId, DateTimeOffset since, int queued, int skipped);
}
