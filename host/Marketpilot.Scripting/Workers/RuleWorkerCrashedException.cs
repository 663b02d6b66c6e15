namespace Marketpilot.Scripting.Workers;

/// <summary>A worker process died, stopped answering or was killed at its deadline while it held a request.</summary>
/// <param name="message">What happened to it.</param>
internal sealed class RuleWorkerCrashedException(string message) : Exception(message);
