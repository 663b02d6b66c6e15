using System.Diagnostics;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests.ScopedKeys;

public sealed class ScopedKeyStartupTests
{
    private const string Secret = "scoped-secret-" + "0f3a9c71d2b84e56";

    [Fact]
    public async Task ABadScopedKeyStopsTheHostNamingThePathButNeverTheKey()
    {
        using var data = new TempFolder();

        var (exitCode, output) = await RunHostAsync(
        [
            "--urls", "http://127.0.0.1:0", "--data", data.Path, "--scripts", RepoPaths.Scripts, .. NoSync.Args,
            $"--Marketpilot:Api:ScopedKeys:0:Key={Secret}", "--Marketpilot:Api:ScopedKeys:0:Shops:0=ozon",
        ]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Marketpilot:Api:ScopedKeys:0:Shops:0 is 'ozon'", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunHostAsync(string[] args)
    {
        using var process = Process.Start(Cli.StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(deadline.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
