namespace Marketpilot.Host.Tests.Support;

public sealed record CliResult(int ExitCode, string StdOut, string StdErr);
