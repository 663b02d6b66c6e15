using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using Marketpilot.Sdk.Conformance;

namespace Marketpilot.Sdk.TestKit.Tests;

/// <summary><c>dotnet pack</c> produces the SDK, Conformance and TestKit packages with the SDK's SemVer version (packs the already built output).</summary>
public sealed class SdkPackageTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("mp-pack-").FullName;

    public void Dispose() => Directory.Delete(_output, recursive: true);

    [Fact]
    public async Task PackProducesTheSdkConformanceAndTestKitPackagesWithOneSemVerVersion()
    {
        var version = PluginManifestConformance.SdkVersion.ToString(3);

        await PackAsync(Path.Combine("sdk", "Marketpilot.Sdk", "Marketpilot.Sdk.csproj"));
        await PackAsync(Path.Combine("sdk", "Marketpilot.Sdk.Conformance", "Marketpilot.Sdk.Conformance.csproj"));
        await PackAsync(Path.Combine("sdk", "Marketpilot.Sdk.TestKit", "Marketpilot.Sdk.TestKit.csproj"));

        var sdk = Entries($"Marketpilot.Sdk.{version}.nupkg");
        Assert.Contains("lib/net10.0/Marketpilot.Sdk.dll", sdk.Keys);
        Assert.Contains("lib/net10.0/Marketpilot.Sdk.xml", sdk.Keys);
        Assert.Contains("README.md", sdk.Keys);
        Assert.Equal(version, Nuspec(sdk, "Marketpilot.Sdk.nuspec").Descendants().Single(e => e.Name.LocalName == "version").Value);

        var conformance = Entries($"Marketpilot.Sdk.Conformance.{version}.nupkg");
        Assert.Contains("lib/net10.0/Marketpilot.Sdk.Conformance.dll", conformance.Keys);
        Assert.Contains($"Marketpilot.Sdk {version}", Dependencies(conformance, "Marketpilot.Sdk.Conformance.nuspec"));
        Assert.DoesNotContain(Dependencies(conformance, "Marketpilot.Sdk.Conformance.nuspec"), d => d.StartsWith("xunit", StringComparison.OrdinalIgnoreCase));

        var kit = Entries($"Marketpilot.Sdk.TestKit.{version}.nupkg");
        Assert.Contains("lib/net10.0/Marketpilot.Sdk.TestKit.dll", kit.Keys);
        Assert.Contains($"Marketpilot.Sdk.Conformance {version}", Dependencies(kit, "Marketpilot.Sdk.TestKit.nuspec"));
    }

    private async Task PackAsync(string project)
    {
        var configuration = typeof(SdkPackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoRoot() };
        foreach (var arg in new[] { "pack", project, "-c", configuration, "-o", _output, "--no-build", "--no-restore", "-nologo" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, $"dotnet pack {project} exited {process.ExitCode}\n{await stdout}\n{await stderr}");
    }

    private Dictionary<string, byte[]> Entries(string package)
    {
        var path = Path.Combine(_output, package);
        Assert.True(File.Exists(path), $"{package} was not produced; found {string.Join(", ", Directory.GetFiles(_output).Select(Path.GetFileName))}");
        using var zip = ZipFile.OpenRead(path);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    private static List<string> Dependencies(Dictionary<string, byte[]> entries, string nuspec) =>
        [.. Nuspec(entries, nuspec).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => $"{e.Attribute("id")?.Value} {e.Attribute("version")?.Value}")];

    private static XDocument Nuspec(Dictionary<string, byte[]> entries, string name) => XDocument.Load(new MemoryStream(entries[name]));

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Host.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Host.sln not found above {AppContext.BaseDirectory}");
    }
}
