namespace Marketpilot.Actions;

/// <summary>
/// A grain state that carries action records to be logged with it. The grain storage writes them to the action log in
/// the same transaction as the state (a record whose id is logged already is left alone), then empties
/// <see cref="Outbox"/>: after any crash, the state change and its records exist together or not at all.
/// </summary>
public interface IActionOutboxCarrier
{
    /// <summary>The records to log with the next state write; not part of the state's own payload.</summary>
    List<ActionRecord> Outbox { get; }
}
