using System.Diagnostics;

namespace Marketpilot.Templates.Tests.Support;

/// <summary>Runs <c>dotnet</c> (the CLI, or the built <c>marketpilot</c> executable) and waits for it to exit.</summary>
public static class Dotnet
{
    public static async Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(deadline.Token);
        return new ProcessResult($"dotnet {string.Join(' ', args)}", process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs the command and fails the test with its output unless it exits 0.</summary>
    public static async Task<ProcessResult> SucceedAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var result = await RunAsync(workingDirectory, environment, args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}

public sealed record ProcessResult(string Command, int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"{Command} exited {ExitCode}\n{StdOut}\n{StdErr}";
}
