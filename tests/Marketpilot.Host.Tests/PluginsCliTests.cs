using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

public sealed class PluginsCliTests
{
    private static string BundledPlugins => Path.Combine(Path.GetDirectoryName(RepoPaths.HostDll)!, "plugins");

    private static string SimulatorFolder => Path.Combine(BundledPlugins, "Marketpilot.Connectors.Simulator");

    [Fact]
    public async Task ListShowsEachPluginWithVersionKindsAndStatus()
    {
        var result = await Cli.RunAsync("plugins", "list");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("simulator\t0.1.0\tconnector\tloaded", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListTakesThePluginsOptionAndGivesTheReasonAPluginFailed()
    {
        using var folder = new TempFolder();
        CopyFolder(SimulatorFolder, Path.Combine(folder.Path, "simulator"));
        Directory.CreateDirectory(Path.Combine(folder.Path, "broken"));
        File.WriteAllText(Path.Combine(folder.Path, "broken", "plugin.json"), """{ "id": "broken", "version": "1.0", "sdkVersion": "0.1", "entryAssembly": "Broken.dll" }""");

        var result = await Cli.RunAsync("plugins", "list", "--plugins", folder.Path);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("simulator\t0.1.0\tconnector\tloaded", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("broken\t1.0\t-\tfailed\tThe version '1.0' is not a SemVer version", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListNamesMissingRequiredConfigurationButNeverAValue()
    {
        using var folder = new TempFolder();
        var plugin = Path.Combine(folder.Path, "simulator");
        CopyFolder(SimulatorFolder, plugin);
        File.WriteAllText(Path.Combine(plugin, "plugin.json"), """
            { "id": "simulator", "version": "0.1.0", "sdkVersion": "0.1", "entryAssembly": "Marketpilot.Connectors.Simulator.dll", "kinds": ["connector"],
              "configuration": [ { "key": "ApiKey", "required": true, "secret": true }, { "key": "Token", "required": true, "secret": true } ] }
            """);
        var info = Cli.StartInfo(["plugins", "list", "--plugins", folder.Path]);
        info.Environment["Marketpilot__Plugins__simulator__Token"] = "tok-very-secret";

        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, stderr);
        Assert.Contains("simulator\t0.1.0\tconnector\tfailed\t", stdout, StringComparison.Ordinal);
        Assert.Contains("Marketpilot:Plugins:simulator:ApiKey", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-very-secret", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyPassesTheSimulatorAndNamesEveryCheck()
    {
        var result = await Cli.RunAsync("plugins", "verify", SimulatorFolder);

        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        foreach (var check in new[]
        {
            "manifest-present", "manifest-valid", "manifest-sdk-version", "folder-ships-no-shared-assemblies", "shared-dependencies-not-newer", "plugin-loads", "kinds-provided",
            "capabilities-valid", "pull-pagination-complete", "pull-repeatable", "pull-matches-capabilities", "apply-batch-limit",
            "apply-idempotent", "apply-unsupported-kind-rejected", "apply-error-mapping", "cancellation-honoured",
        })
        {
            Assert.Contains($"PASS {check}: ", result.StdOut, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task VerifyExitsWith1AndNamesEachFailedCheck()
    {
        using var folder = new TempFolder();
        var plugin = Path.Combine(folder.Path, "simulator");
        CopyFolder(SimulatorFolder, plugin);
        File.WriteAllText(Path.Combine(plugin, "plugin.json"), """{ "id": "simulator", "version": "0.1.0", "sdkVersion": "0.1", "entryAssembly": "Marketpilot.Connectors.Simulator.dll" }""");
        File.WriteAllText(Path.Combine(plugin, "Marketpilot.Sdk.dll"), "");

        var result = await Cli.RunAsync("plugins", "verify", plugin);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL manifest-valid: kinds is empty", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("FAIL folder-ships-no-shared-assemblies: the folder ships Marketpilot.Sdk.dll", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("2 check(s) failed: manifest-valid, folder-ships-no-shared-assemblies", result.StdOut, StringComparison.Ordinal);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
