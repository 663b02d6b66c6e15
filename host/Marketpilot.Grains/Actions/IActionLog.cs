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

    /// <summary>Reads a page of records, newest first.</summary>
    /// <param name="query">The filter and page.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page.</returns>
    Task<ActionPage> QueryAsync(ActionQuery query, CancellationToken cancellationToken = default);
}
