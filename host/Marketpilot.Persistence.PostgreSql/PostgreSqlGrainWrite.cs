using Marketpilot.Actions;

namespace Marketpilot.Persistence.PostgreSql;

/// <summary>One grain state write waiting for a group commit: the row, the version it must find, and the outbox it carries.</summary>
/// <param name="StateName">The state name.</param>
/// <param name="GrainId">The grain id, as stored.</param>
/// <param name="ExpectedVersion">The version the row must have; <see langword="null"/> for a row that must not exist yet.</param>
/// <param name="Payload">The state as JSON.</param>
/// <param name="Outbox">Action records inserted in the same transaction when the write succeeds.</param>
/// <param name="At">The write's <c>updated_at</c>.</param>
internal sealed record PostgreSqlGrainWrite(string StateName, string GrainId, long? ExpectedVersion, string Payload, IReadOnlyList<ActionRecord>? Outbox, DateTimeOffset At);
