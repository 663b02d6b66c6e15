namespace Marketpilot.Grains.Actions;

/// <summary>The durable record of every action rules proposed and what became of it.</summary>
public interface IActionLog
{
    /// <summary>Appends new records in one transaction.</summary>
    /// <param name="records">Records with unique ids.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the records are durable.</returns>
    Task AppendAsync(IReadOnlyList<ActionRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Changes the status of one record.</summary>
    /// <param name="actionId">The record's id.</param>
    /// <param name="status">The new status.</param>
    /// <param name="reason">Why, or which connector applied it.</param>
    /// <param name="at">When the status changed.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the change is durable.</returns>
    Task UpdateStatusAsync(string actionId, ActionStatus status, string? reason, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Records the outcome of one attempt of a proposed action; a record that is no longer proposed is left alone.</summary>
    /// <param name="actionId">The record's id.</param>
    /// <param name="status">The new status; <see cref="ActionStatus.Proposed"/> keeps it pending.</param>
    /// <param name="reason">Why, or which connector applied it.</param>
    /// <param name="attempts">How many attempts have been made, this one included.</param>
    /// <param name="nextAttemptAt">When a still-proposed action is tried again; <see langword="null"/> otherwise.</param>
    /// <param name="at">When the attempt ended.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when the record was proposed and is now updated.</returns>
    Task<bool> RecordAttemptAsync(
        string actionId, ActionStatus status, string? reason, int attempts, DateTimeOffset? nextAttemptAt, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes up to <paramref name="limit"/> proposed actions whose next attempt is due at <paramref name="now"/>, oldest due
    /// first, and moves their next attempt to <paramref name="leaseUntil"/> in the same statement, so no one else takes them meanwhile.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <param name="leaseUntil">When they become due again if the taker never records an attempt.</param>
    /// <param name="limit">The most to take.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    /// <returns>The claimed records, as they were before the claim.</returns>
    Task<IReadOnlyList<ActionRecord>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default);

    /// <summary>Reads a page of records, newest first.</summary>
    /// <param name="query">The filter and page.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page.</returns>
    Task<ActionPage> QueryAsync(ActionQuery query, CancellationToken cancellationToken = default);
}
