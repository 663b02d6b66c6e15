using Marketpilot.Plugins.Tests.Support;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Plugins.Tests;

public sealed class PluginStateFolderTests : IDisposable
{
    private readonly PluginsFolder _plugins = new();
    private readonly string _data = Directory.CreateTempSubdirectory("marketpilot-data-").FullName;

    public void Dispose()
    {
        _plugins.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public void EveryPluginGetsItsOwnStateFolderBeforeItRegisters()
    {
        _plugins.With(PluginsFolder.Simulator).With(PluginsFolder.Throwing);

        var (_, catalog) = TestHost.LoadPluginsWithData(_plugins.Path, _data);

        Assert.Equal(PluginStatus.Loaded, catalog.Find("simulator")!.Status);
        Assert.True(File.Exists(Path.Combine(_data, "simulator", "shop.json")), "the simulator was told its state folder");
        Assert.True(Directory.Exists(Path.Combine(_data, "throwing")), "the folder exists before RegisterServices, even one that throws");
    }

    [Fact]
    public async Task PluginKeepsItsStateAcrossALoadOnTheSameDataFolder()
    {
        _plugins.With(PluginsFolder.Simulator);
        var request = new ActionRequest("once", new SkuKey("simulator", "demo", "SIM-00001"), new RemoveFromPromo());
        var (first, _) = TestHost.LoadPluginsWithData(_plugins.Path, _data);
        await first.Connectors.Single().ApplyAsync([request], CancellationToken.None);
        await first.DisposeAsync();

        var (second, _) = TestHost.LoadPluginsWithData(_plugins.Path, _data);
        await second.Connectors.Single().ApplyAsync([request], CancellationToken.None);
        await second.DisposeAsync();

        var outcomes = File.ReadAllLines(Path.Combine(_data, "simulator", "ledger.jsonl")).Select(l => l.Contains("\"outcome\":\"duplicate\"", StringComparison.Ordinal));
        Assert.Equal([false, true], outcomes);
    }

    [Fact]
    public void PluginSettingsCannotMoveTheStateFolder()
    {
        _plugins.With(PluginsFolder.Simulator);
        var elsewhere = Path.Combine(_data, "elsewhere");

        TestHost.LoadPluginsWithData(_plugins.Path, _data, ("Marketpilot:Plugins:simulator:MarketpilotHost:StateDirectory", elsewhere));

        Assert.True(File.Exists(Path.Combine(_data, "simulator", "shop.json")));
        Assert.False(Directory.Exists(elsewhere));
    }

    [Fact]
    public void WithoutADataFolderPluginsGetNoStateFolder()
    {
        _plugins.With(PluginsFolder.Simulator);

        var (_, catalog) = TestHost.LoadPlugins(_plugins.Path);

        Assert.Equal(PluginStatus.Loaded, catalog.Find("simulator")!.Status);
        Assert.Empty(Directory.GetFileSystemEntries(_data));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../outside")]
    [InlineData("nested/inside")]
    [InlineData("/etc")]
    public void StateFolderNeverLeavesTheDataFolder(string id)
    {
        var refused = Assert.Throws<PluginActivationException>(() => PluginStateFolder.Create(_data, id));

        Assert.Contains(_data, refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_data));
    }
}
