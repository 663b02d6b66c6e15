using Marketpilot.Templates.Tests.Support;

namespace Marketpilot.Templates.Tests;

/// <summary>Each template, instantiated once from the packed and installed pack, builds and passes the host's own checks.</summary>
public sealed class TemplateInstantiationTests(TemplatePackFixture pack) : IClassFixture<TemplatePackFixture>
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public async Task TheConnectorTemplateBuildsPassesItsConformanceTestsAndPluginsVerify()
    {
        await pack.NewAsync("marketpilot-connector", "-n", "Contoso.Connectors.Shopy", "-o", "connector", "--marketplace", "shopy", "--marketpilotRepo", Repo.Root);
        var folder = Path.Combine(pack.Output, "connector");

        await Dotnet.SucceedAsync(folder, NoEnvironment, "build", Path.Combine("Contoso.Connectors.Shopy.Tests", "Contoso.Connectors.Shopy.Tests.csproj"));
        var tests = await Dotnet.SucceedAsync(folder, NoEnvironment, "test", Path.Combine("Contoso.Connectors.Shopy.Tests", "Contoso.Connectors.Shopy.Tests.csproj"), "--no-build");
        var verify = await Dotnet.SucceedAsync(folder, NoEnvironment, Repo.HostDll, "plugins", "verify", Path.Combine("Contoso.Connectors.Shopy", "bin", "Debug", "net10.0"));

        // Nothing skipped: the test project publishes the plugin, so the manifest suite runs its published-folder checks too.
        Assert.Matches(@"Passed!.*Skipped:\s+0,", tests.StdOut);
        Assert.Contains("PASS plugin-loads: shopy 0.1.0 loaded", verify.StdOut, StringComparison.Ordinal);
        Assert.Contains("PASS factory-missing-settings-refused: ", verify.StdOut, StringComparison.Ordinal);
        Assert.Contains("PASS factory-creates-offline: ", verify.StdOut, StringComparison.Ordinal);
        Assert.Contains("PASS capabilities-valid: shopy", verify.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheChannelTemplateBuildsAndPassesPluginsVerify()
    {
        await pack.NewAsync("marketpilot-channel", "-n", "Contoso.Channels.Pager", "-o", "channel", "--channelId", "pager", "--marketpilotRepo", Repo.Root);
        var folder = Path.Combine(pack.Output, "channel");

        await Dotnet.SucceedAsync(folder, NoEnvironment, "build", Path.Combine("Contoso.Channels.Pager", "Contoso.Channels.Pager.csproj"));
        var verify = await Dotnet.SucceedAsync(
            folder,
            new Dictionary<string, string> { ["Marketpilot__Plugins__pager__Url"] = "http://127.0.0.1:9/notifications" },
            Repo.HostDll, "plugins", "verify", Path.Combine("Contoso.Channels.Pager", "bin", "Debug", "net10.0"));

        Assert.Contains("PASS plugin-loads: pager 0.1.0 loaded; provides channel:pager", verify.StdOut, StringComparison.Ordinal);
        Assert.Contains("PASS channel-invalid-rejected: ", verify.StdOut, StringComparison.Ordinal);
        Assert.Contains("PASS channel-cancellation-honoured: ", verify.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRulesTemplatePassesRulesCheckAndItsFixtureFiresTheRule()
    {
        var sdk = Path.Combine(Repo.Root, "sdk", "Marketpilot.Sdk", "bin", Repo.Configuration, "net10.0", "Marketpilot.Sdk.dll");
        await pack.NewAsync("marketpilot-rules", "-o", "rules", "--sdkAssembly", sdk);
        var folder = Path.Combine(pack.Output, "rules");

        var check = await Dotnet.SucceedAsync(folder, NoEnvironment, Repo.HostDll, "rules", "check", "my-rule.csx");
        var test = await Dotnet.SucceedAsync(folder, NoEnvironment, Repo.HostDll, "rules", "test", "my-rule.csx", "--input", Path.Combine("fixtures", "my-rule", "no-orders.json"));

        Assert.Contains("my-rule.csx: ok", check.StdOut, StringComparison.Ordinal);
        Assert.Contains("\"kind\": \"createCoupon\"", test.StdOut, StringComparison.Ordinal);
        Assert.Contains($"#r \"{sdk}\"", File.ReadAllText(Path.Combine(folder, "ide", "globals.csx")), StringComparison.Ordinal);
    }
}
