namespace Marketpilot.Scripting.Workers;

/// <summary>
/// A worker did not start: it ended, or did not say it was ready within its start timeout. No request was sent to it,
/// so no rule is blamed; the request fails and the slot starts another worker with its next one.
/// </summary>
/// <param name="message">What happened to it.</param>
internal sealed class RuleWorkerStartFailedException(string message) : InvalidOperationException(message);
