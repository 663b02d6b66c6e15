using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

public sealed class PluginsVerifyFactoryCliTests
{
    private const string ApiKey = "tm-key-for-cli-tests-only";

    private static readonly string[] OnlineChecks =
        ["pull-pagination-complete", "pull-repeatable", "pull-matches-capabilities", "apply-batch-limit", "apply-idempotent", "apply-unsupported-kind-rejected", "apply-error-mapping", "cancellation-honoured"];

    private static string PluginFolder => Path.Combine(RepoPaths.Root, "tests", "TestPlugins", "Marketpilot.TestPlugins.ShopFactory", "bin", RepoPaths.Configuration, "net10.0");

    [Fact]
    public async Task WithoutAShopTheFactoryChecksPassAndTheOnlineChecksAreSkippedNotPassed()
    {
        var result = await Cli.RunAsync("plugins", "verify", PluginFolder);

        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        foreach (var check in new[] { "kinds-provided", "factory-marketplace-valid", "factory-missing-settings-refused", "factory-creates-offline", "capabilities-valid" })
        {
            Assert.Contains($"PASS {check}: ", result.StdOut, StringComparison.Ordinal);
        }

        Assert.Contains("asked in turn for Credentials:ApiKey, Settings:BaseUrl, never repeating a value", result.StdOut, StringComparison.Ordinal);
        Assert.All(OnlineChecks, check => Assert.Contains($"SKIP {check}: calls the marketplace: pass --shop-settings", result.StdOut, StringComparison.Ordinal));
        Assert.Contains("8 skipped, none failed", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithShopSettingsTheOnlineChecksRunAgainstTheShopsMarketplace()
    {
        await using var emulator = new TestMarketEmulator(ApiKey);
        await emulator.StartAsync();
        using var folder = new TempFolder();
        var settings = folder.File("shop.json", $$"""{ "ShopId": "cli", "Currency": "RUB", "Settings": { "BaseUrl": "{{emulator.BaseAddress}}" }, "Credentials": { "ApiKey": "{{ApiKey}}" } }""");

        var result = await Cli.RunAsync("plugins", "verify", PluginFolder, "--shop-settings", settings);

        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        Assert.All(OnlineChecks, check => Assert.Contains($"PASS {check}: ", result.StdOut, StringComparison.Ordinal));
        Assert.NotEmpty(emulator.AppliedKeys);
        Assert.DoesNotContain(ApiKey, result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AShopWhoseKeyTheMarketplaceRefusesFailsTheOnlineChecksWithoutShowingTheKey()
    {
        await using var emulator = new TestMarketEmulator(ApiKey);
        await emulator.StartAsync();
        using var folder = new TempFolder();
        var settings = folder.File("shop.json", $$"""{ "Settings": { "BaseUrl": "{{emulator.BaseAddress}}" }, "Credentials": { "ApiKey": "wrong-{{ApiKey}}" } }""");

        var result = await Cli.RunAsync("plugins", "verify", PluginFolder, "--shop-settings", settings);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL pull-pagination-complete: ", result.StdOut, StringComparison.Ordinal);
        Assert.True(emulator.Requests > 0);
        Assert.DoesNotContain(ApiKey, result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShopSettingsThatAreNotJsonAreRefusedNamingTheFileAndNotItsContent()
    {
        using var folder = new TempFolder();
        var settings = folder.File("shop.json", $$"""{ "Settings": { "BaseUrl": "http://127.0.0.1:9/" }, "Credentials": { "ApiKey": "{{ApiKey}}" """);

        var result = await Cli.RunAsync("plugins", "verify", PluginFolder, "--shop-settings", settings);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--shop-settings {settings}: not valid JSON at line 1", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShopSettingsOnAPluginWithoutAFactoryFail()
    {
        using var folder = new TempFolder();
        var settings = folder.File("shop.json", """{ "Settings": {}, "Credentials": {} }""");

        var result = await Cli.RunAsync("plugins", "verify", Path.Combine(Path.GetDirectoryName(RepoPaths.HostDll)!, "plugins", "Marketpilot.Connectors.Simulator"), "--shop-settings", settings);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL shop-settings-used: --shop-settings was given but the plugin registers no IMarketplaceConnectorFactory", result.StdOut, StringComparison.Ordinal);
    }
}
