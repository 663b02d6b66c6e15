using System.Diagnostics;
using System.Text.Json;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

/// <summary>The host ships the conformance checks for <c>plugins verify</c>, never a test framework or the vendors' TestKit.</summary>
public sealed class HostOutputTests
{
    private static readonly string[] TestOnlyPrefixes = ["xunit", "Microsoft.TestPlatform", "Microsoft.VisualStudio.TestPlatform", "Microsoft.NET.Test.Sdk", "Marketpilot.Sdk.TestKit"];

    private static string BuildOutput => Path.GetDirectoryName(RepoPaths.HostDll)!;

    [Fact]
    public void TheBuildOutputLoadsNoTestFramework()
    {
        var libraries = DepsLibraries(BuildOutput);

        Assert.Contains(libraries, l => l.StartsWith("Marketpilot.Sdk.Conformance/", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, IsTestOnly);
    }

    [Fact]
    public async Task ThePublishOutputCarriesNoTestFramework()
    {
        using var folder = new TempFolder();

        await PublishAsync(folder.Path);

        var files = Directory.EnumerateFiles(folder.Path, "*.dll", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.Contains("Marketpilot.Sdk.Conformance.dll", files);
        Assert.DoesNotContain(files, f => IsTestOnly(f!));
        Assert.DoesNotContain(DepsLibraries(folder.Path), IsTestOnly);
    }

    private static bool IsTestOnly(string name) => TestOnlyPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    // A build output may keep files from older builds; the deps.json files (the host's and each bundled plugin's) list what
    // this build actually loads.
    private static List<string> DepsLibraries(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.deps.json", SearchOption.AllDirectories).SelectMany(file =>
        {
            using var deps = JsonDocument.Parse(File.ReadAllText(file));
            return deps.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToList();
        })];

    private static async Task PublishAsync(string output)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (var arg in new[] { "publish", Path.Combine("host", "Marketpilot.Host", "Marketpilot.Host.csproj"), "-c", RepoPaths.Configuration, "-o", output, "--no-build", "-nologo" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, $"dotnet publish exited {process.ExitCode}\n{await stdout}\n{await stderr}");
    }
}
