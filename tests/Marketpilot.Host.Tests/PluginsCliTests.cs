using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

public sealed class PluginsCliTests
{
    private static string BundledPlugins => RepoPaths.BundledPlugins;

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

    // A channel registers nothing until it is configured, so each bundled channel gets a minimal configuration (its
    // offline checks never send). A bundled channel missing here fails the test below, naming itself.
    private static readonly Dictionary<string, Dictionary<string, string>> ChannelSettings = new(StringComparer.Ordinal)
    {
        ["email"] = new() { ["Host"] = "127.0.0.1", ["From"] = "robot@shop.example", ["Recipients:purchasing:0"] = "buyer@shop.example" },
        ["webhook"] = new() { ["Url"] = "http://127.0.0.1:9/hook", ["Secret"] = "verify-secret-0123456789" },
        ["telegram"] = new() { ["BotToken"] = "123456789:AAHverifyTokenForBundledPluginsTest0", ["Chats:purchasing:0"] = "123456789", ["BaseUrl"] = "http://127.0.0.1:9/" },
        ["sms"] = new() { ["Endpoint"] = "http://127.0.0.1:9/sms", ["BodyTemplate"] = "{\"to\":\"{phone}\",\"text\":\"{text}\"}", ["Phones:purchasing:0"] = "+4915123456789" },
    };

    [Fact]
    public async Task VerifyPassesEveryBundledPluginFolder()
    {
        // Read from the folder the build publishes to, so a plugin added to the bundle is verified without a new line here.
        foreach (var (folder, id) in RepoPaths.BundledPluginFolders())
        {
            var manifest = File.ReadAllText(Path.Combine(folder, "plugin.json"));
            var environment = new Dictionary<string, string>();
            if (manifest.Contains("\"channel\"", StringComparison.Ordinal))
            {
                Assert.True(ChannelSettings.TryGetValue(id, out var settings), $"bundled channel '{id}' has no settings in {nameof(ChannelSettings)}");
                foreach (var (key, value) in settings)
                {
                    environment[$"Marketpilot__Plugins__{id}__{key.Replace(":", "__", StringComparison.Ordinal)}"] = value;
                }
            }

            var result = await Cli.RunAsync(environment, "plugins", "verify", folder);

            Assert.True(result.ExitCode == 0, $"{id}: {result.StdOut}{result.StdErr}");
            Assert.DoesNotContain("FAIL ", result.StdOut, StringComparison.Ordinal);
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
