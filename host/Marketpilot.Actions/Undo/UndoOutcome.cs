namespace Marketpilot.Actions.Undo;

/// <summary>What an undo request came to.</summary>
/// <param name="Status">Queued, not found, or refused (conflict).</param>
/// <param name="ActionIds">The compensating actions queued.</param>
/// <param name="Reason">Why it was refused.</param>
public sealed record UndoOutcome(UndoStatus Status, IReadOnlyList<string> ActionIds, string? Reason = null)
{
    /// <summary>The first compensating action, for the API's <c>actionId</c>.</summary>
    public string? ActionId => ActionIds.Count > 0 ? ActionIds[0] : null;

    internal static UndoOutcome Refused(string reason, IReadOnlyList<string>? actionIds = null) => new(UndoStatus.Conflict, actionIds ?? [], reason);
}

/// <summary>The kinds of <see cref="UndoOutcome"/>.</summary>
public enum UndoStatus
{
    /// <summary>The compensating actions are queued.</summary>
    Queued,

    /// <summary>No action has the id.</summary>
    NotFound,

    /// <summary>The action cannot be undone; <see cref="UndoOutcome.Reason"/> says why.</summary>
    Conflict,
}

/// <summary>What a rollback came to.</summary>
/// <param name="RuleId">The rule rolled back; it is now off.</param>
/// <param name="ActionIds">The compensating actions queued, newest undone first.</param>
/// <param name="Skipped">The rule's applied actions that were not undone, each with the reason.</param>
public sealed record RollbackOutcome(string RuleId, IReadOnlyList<string> ActionIds, IReadOnlyList<SkippedUndo> Skipped);

/// <summary>An action a rollback left as it is.</summary>
/// <param name="ActionId">The action.</param>
/// <param name="Reason">Why it was not undone.</param>
public sealed record SkippedUndo(string ActionId, string Reason);
