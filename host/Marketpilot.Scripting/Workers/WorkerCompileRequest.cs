namespace Marketpilot.Scripting.Workers;

/// <summary>Asks a worker to compile one script.</summary>
/// <param name="Path">The script's path as the caller gave it; the worker sees the same paths.</param>
/// <param name="Content">The script file's bytes, read by the host.</param>
/// <param name="CachePath">The compile cache folder, read-only to the worker; <see langword="null"/> for none.</param>
/// <param name="SkipSandboxChecks">Compile without the sandbox's checks: set only by tests (<see cref="ScriptingOptions.WorkersSkipSandboxChecks"/>).</param>
internal sealed record WorkerCompileRequest(string Path, byte[] Content, string? CachePath, bool SkipSandboxChecks = false);
