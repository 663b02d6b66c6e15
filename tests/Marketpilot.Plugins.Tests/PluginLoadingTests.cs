using Marketpilot.Plugins.Tests.Support;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.Plugins.Tests;

public sealed class PluginLoadingTests : IDisposable
{
    private readonly PluginsFolder _plugins = new();

    public void Dispose() => _plugins.Dispose();

    [Fact]
    public async Task SimulatorLoadsAndItsConnectorPullsAPage()
    {
        _plugins.With(PluginsFolder.Simulator);

        var (registry, catalog) = TestHost.LoadPlugins(_plugins.Path);
        var connector = registry.Connectors.Single(c => c.Marketplace == "simulator");
        var page = await connector.PullAsync(null, CancellationToken.None);

        var plugin = Assert.Single(catalog.Plugins);
        Assert.Equal(("simulator", PluginStatus.Loaded, null), (plugin.Id, plugin.Status, plugin.Reason));
        Assert.Equal(["connector:simulator"], plugin.Provides);
        Assert.Equal(200, page.Skus.Count);
        Assert.Equal("1", page.NextCursor);
    }

    [Fact]
    public async Task PluginReadsItsOwnConfigurationSection()
    {
        _plugins.With(PluginsFolder.Simulator);

        var (registry, _) = TestHost.LoadPlugins(_plugins.Path, ("Marketpilot:Plugins:simulator:SkuCount", "7"));
        var page = await registry.Connectors.Single().PullAsync(null, CancellationToken.None);

        Assert.Equal(7, page.Skus.Count);
    }

    [Fact]
    public void PluginRejectingItsConfigurationIsMarkedFailed()
    {
        _plugins.With(PluginsFolder.Simulator);

        var (registry, catalog) = TestHost.LoadPlugins(_plugins.Path, ("Marketpilot:Plugins:simulator:SkuCount", "0"));

        var plugin = Assert.Single(catalog.Plugins);
        Assert.Equal(PluginStatus.Failed, plugin.Status);
        Assert.Contains("Marketpilot:Plugins:simulator:SkuCount", plugin.Reason, StringComparison.Ordinal);
        Assert.Empty(registry.Connectors);
    }

    [Fact]
    public void ThrowingPluginRegistersNothingAndOthersStillLoad()
    {
        _plugins.With(PluginsFolder.Simulator).With(PluginsFolder.Throwing);

        var (registry, catalog) = TestHost.LoadPlugins(_plugins.Path);

        var throwing = catalog.Find("throwing");
        Assert.NotNull(throwing);
        Assert.Equal(PluginStatus.Failed, throwing.Status);
        Assert.Contains("always fails to register", throwing.Reason, StringComparison.Ordinal);
        Assert.Empty(throwing.Provides);
        Assert.Empty(registry.Channels);
        Assert.Equal(PluginStatus.Loaded, catalog.Find("simulator")?.Status);
    }

    [Theory]
    [InlineData("{ this is not json")]
    [InlineData("""{ "id": "Bad_Id", "version": "1.0.0", "sdkVersion": "0.1", "entryAssembly": "x.dll" }""")]
    [InlineData("""{ "id": "path", "version": "1.0.0", "sdkVersion": "0.1", "entryAssembly": "x.dll" }""")]
    [InlineData("""{ "id": "runtime", "version": "1.0.0", "sdkVersion": "0.1", "entryAssembly": "x.dll" }""")]
    [InlineData("""{ "id": "no-entry", "version": "1.0.0", "sdkVersion": "0.1", "entryAssembly": "missing.dll" }""")]
    public void FolderWithABadManifestIsMarkedFailed(string manifest)
    {
        _plugins.WithFile("broken", "plugin.json", manifest).With(PluginsFolder.Simulator);

        var (_, catalog) = TestHost.LoadPlugins(_plugins.Path);

        var broken = Assert.Single(catalog.Failed);
        Assert.EndsWith("broken", broken.Path, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(broken.Reason));
        Assert.Equal(PluginStatus.Loaded, catalog.Find("simulator")?.Status);
    }

    [Fact]
    public void FolderWithoutAManifestIsMarkedFailed()
    {
        _plugins.WithFile("stray", "readme.txt", "not a plugin");

        var (_, catalog) = TestHost.LoadPlugins(_plugins.Path);

        var stray = Assert.Single(catalog.Plugins);
        Assert.Equal(("stray", PluginStatus.Failed), (stray.Id, stray.Status));
        Assert.Contains("plugin.json", stray.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PluginMissingARequiredConfigurationKeyIsMarkedFailedNamingTheKey()
    {
        _plugins.With(PluginsFolder.Simulator);
        var manifestPath = Path.Combine(_plugins.Path, PluginsFolder.Simulator, "plugin.json");
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        manifest["configuration"] = System.Text.Json.Nodes.JsonNode.Parse("""[{ "key": "Region", "required": true }]""");
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        var (registry, catalog) = TestHost.LoadPlugins(_plugins.Path);

        var plugin = Assert.Single(catalog.Plugins);
        Assert.Equal(PluginStatus.Failed, plugin.Status);
        Assert.Contains("Region", plugin.Reason, StringComparison.Ordinal);
        Assert.Empty(registry.Connectors);
    }

    [Fact]
    public void PluginWithItsOwnDependencyMissingIsMarkedFailedNamingItAndOthersStillLoad()
    {
        _plugins.With(PluginsFolder.Simulator).With(PluginsFolder.Needy);
        File.Delete(Path.Combine(_plugins.Path, PluginsFolder.Needy, "Marketpilot.TestPlugins.Needy.Library.dll"));

        var (registry, catalog) = TestHost.LoadPlugins(_plugins.Path);

        var needy = catalog.Find("needy")!;
        Assert.Equal(PluginStatus.Failed, needy.Status);
        Assert.Contains("Marketpilot.TestPlugins.Needy.Library", needy.Reason, StringComparison.Ordinal);
        Assert.Equal(PluginStatus.Loaded, catalog.Find("simulator")!.Status);
        Assert.Single(registry.Connectors);
    }

    [Fact]
    public void PluginWithItsOwnDependencyPresentLoads()
    {
        _plugins.With(PluginsFolder.Needy);

        var (_, catalog) = TestHost.LoadPlugins(_plugins.Path);

        Assert.Equal(PluginStatus.Loaded, catalog.Find("needy")!.Status);
    }

    [Fact]
    public void PluginBuiltAgainstAnotherSdkMajorIsMarkedFailed()
    {
        _plugins.With(PluginsFolder.Simulator).WithManifestChange(PluginsFolder.Simulator, "sdkVersion", "1.0");

        var (registry, catalog) = TestHost.LoadPlugins(_plugins.Path);

        var plugin = Assert.Single(catalog.Plugins);
        Assert.Equal(PluginStatus.Failed, plugin.Status);
        Assert.Contains("different major", plugin.Reason, StringComparison.Ordinal);
        Assert.Empty(registry.Connectors);
    }

    [Fact]
    public void EntryAssemblyThatIsNotDotNetIsMarkedFailed()
    {
        _plugins
            .WithFile("garbage", "plugin.json", """{ "id": "garbage", "version": "1.0.0", "sdkVersion": "0.1", "entryAssembly": "Garbage.dll" }""")
            .WithFile("garbage", "Garbage.dll", "MZ this is not a portable executable");

        var (_, catalog) = TestHost.LoadPlugins(_plugins.Path);

        var plugin = Assert.Single(catalog.Plugins);
        Assert.Equal(PluginStatus.Failed, plugin.Status);
        Assert.Contains("not a valid .NET assembly", plugin.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SecondPluginWithTheSameIdIsMarkedFailed()
    {
        _plugins.With(PluginsFolder.Simulator, "a-simulator").With(PluginsFolder.Simulator, "b-simulator");

        var (registry, catalog) = TestHost.LoadPlugins(_plugins.Path);

        Assert.Equal([PluginStatus.Loaded, PluginStatus.Failed], catalog.Plugins.Select(p => p.Status));
        Assert.Single(registry.Connectors);
    }

    [Fact]
    public void MissingPluginsFolderGivesAnEmptyCatalog()
    {
        var (_, catalog) = TestHost.LoadPlugins(Path.Combine(_plugins.Path, "does-not-exist"));

        Assert.False(catalog.FolderExists);
        Assert.Empty(catalog.Plugins);
    }

    [Fact]
    public void RelativePathIsResolvedAgainstTheBaseDirectory()
    {
        var (registry, catalog) = TestHost.LoadPlugins("plugins");

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "plugins"), catalog.Path);
        Assert.Equal(PluginStatus.Loaded, catalog.Find("simulator")?.Status);
        Assert.Equal(PluginStatus.Failed, catalog.Find("throwing")?.Status);
        Assert.Contains(registry.Connectors, c => c.Marketplace == "simulator");
    }

    [Fact]
    public void PluginTryAddRespectsServicesTheHostRegisteredFirst()
    {
        _plugins.With(PluginsFolder.Simulator);
        var services = new ServiceCollection();
        var hostClock = new FixedTimeProvider();
        services.AddSingleton<TimeProvider>(hostClock);

        services.AddMarketpilotPlugins(TestHost.Configuration(_plugins.Path));
        using var provider = services.BuildServiceProvider();

        Assert.Same(hostClock, provider.GetRequiredService<TimeProvider>());
    }

    private sealed class FixedTimeProvider : TimeProvider;
}
