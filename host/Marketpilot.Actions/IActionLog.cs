namespace Marketpilot.Actions;

/// <summary>
/// The durable action log, which is also the outbox: every action a rule or an undo proposed, what the guardrails
/// decided and what became of it. Approved actions wait in it as <see cref="ActionStatus.Proposed"/> until a
/// dispatcher settles them.
/// </summary>
/// <remarks>
/// A SKU grain's records reach the log with its state, in one transaction of the grain storage (see
/// <see cref="IActionOutboxCarrier"/>); nothing else writes rule proposals.
/// </remarks>
public interface IActionLog
{
    /// <summary>Appends records in one transaction; a record whose id is already logged is left as it is (a replay).</summary>
    /// <param name="records">The records.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>How many records were new.</returns>
    Task<int> AppendAsync(IReadOnlyList<ActionRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Reads one record.</summary>
    /// <param name="actionId">The id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record, or <see langword="null"/> when no action has the id.</returns>
    Task<ActionRecord?> GetAsync(string actionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the outcome of one attempt of a proposed action: status, reason, attempts, next attempt, the id of what it
    /// created and the channels' deliveries, as <paramref name="settled"/> carries them. A record that is no longer
    /// proposed is left alone, so a late answer never changes a settled action.
    /// </summary>
    /// <param name="settled">The record as it is after the attempt.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when the record was proposed and is now updated.</returns>
    Task<bool> RecordAttemptAsync(ActionRecord settled, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes up to <paramref name="limit"/> proposed actions that are due at <paramref name="now"/> and leases them until
    /// <paramref name="leaseUntil"/>. Marketplace actions of one SKU are taken in the order they were logged: one waits
    /// while an earlier one of the same SKU is still proposed, so a retried price never lands after a newer one.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <param name="leaseUntil">When they become due again if the taker never records an attempt.</param>
    /// <param name="limit">The most to take.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    /// <returns>The claimed records, oldest first.</returns>
    Task<IReadOnlyList<ActionRecord>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default);

    /// <summary>Makes every leased action due at once; the embedded store calls it at start, when no other process can hold a lease.</summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>How many leases were released.</returns>
    Task<int> ReleaseLeasesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the actions this process leased and has not settled due at once. The dispatcher calls it when it stops
    /// cleanly, after its last attempt returned, so another silo sends them without waiting for the leases to end.
    /// </summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>How many leases were released.</returns>
    Task<int> ReleaseOwnLeasesAsync(CancellationToken cancellationToken = default);

    /// <summary>Counts a rule's own approved actions (proposed, applied or failed; undo actions excluded) in a shop within a time range.</summary>
    /// <param name="ruleId">The rule.</param>
    /// <param name="marketplace">The marketplace.</param>
    /// <param name="shopId">The shop.</param>
    /// <param name="from">Proposed at or after.</param>
    /// <param name="to">Proposed before.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The count.</returns>
    Task<int> CountApprovedAsync(string ruleId, string marketplace, string shopId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>How many actions wait in the outbox (status proposed, leased or not) and since when the oldest waits.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The depth and the oldest proposal time.</returns>
    Task<OutboxDepth> GetOutboxDepthAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads a page of records, newest first unless the query says otherwise.</summary>
    /// <param name="query">The filter and page.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page.</returns>
    Task<ActionPage> QueryAsync(ActionQuery query, CancellationToken cancellationToken = default);
}
