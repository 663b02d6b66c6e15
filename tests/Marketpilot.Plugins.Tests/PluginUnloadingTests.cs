using System.Runtime.CompilerServices;
using Marketpilot.Plugins.Tests.Support;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Plugins.Tests;

/// <summary>An unloaded plugin version is collected, not only unloaded: nothing in the host or the framework keeps its load context.</summary>
public sealed class PluginUnloadingTests : IDisposable
{
    private const string Folder = "plugin";
    private readonly PluginsFolder _plugins = new();

    public void Dispose() => _plugins.Dispose();

    [Theory]
    [InlineData(PluginsFolder.Simulator)]
    [InlineData(PluginsFolder.JsonLegacy)]
    [InlineData(PluginsFolder.Needy)]
    [InlineData(PluginsFolder.Resilient)]
    public async Task AReplacedPluginVersionIsCollected(string plugin)
    {
        _plugins.With(plugin, Folder).WithManifestChange(Folder, "version", "1.0.0");
        var (registry, _) = TestHost.LoadPlugins(_plugins.Path);
        var oldVersion = await UseAsync(registry);

        _plugins.Replace(Folder, plugin).WithManifestChange(Folder, "version", "2.0.0");
        var reloaded = await registry.ReloadAsync(Folder);
        await UseAsync(registry);

        Assert.Equal((PluginStatus.Loaded, "2.0.0"), (reloaded!.Status, reloaded.Version));
        Assert.True(Collected(oldVersion), $"The load context of {plugin} 1.0.0 is still alive after it was replaced.");
    }

    [Fact]
    public async Task ARemovedPluginIsCollected()
    {
        _plugins.With(PluginsFolder.JsonLegacy, Folder);
        var (registry, _) = TestHost.LoadPlugins(_plugins.Path);
        var removed = await UseAsync(registry);

        Directory.Delete(Path.Combine(_plugins.Path, Folder), recursive: true);
        await registry.ReloadAsync(Folder);

        Assert.Empty(registry.Connectors);
        Assert.True(Collected(removed), "The load context of a removed plugin is still alive.");
    }

    // Calls every connector and channel once, as the sync loop and the dispatcher do, so that the plugin fills whatever
    // caches it fills in production; returns a weak reference to its load context. Not inlined, so no reference to the
    // plugin stays in the test's own frame.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> UseAsync(PluginRegistry registry)
    {
        foreach (var connector in registry.Connectors)
        {
            var sku = new SkuKey(connector.Marketplace, "demo", "A-1");
            await connector.PullAsync(null, CancellationToken.None);
            await connector.ApplyAsync([new ActionRequest("k1", sku, new SetPrice(10m))], CancellationToken.None);
        }

        foreach (var channel in registry.Channels)
        {
            await channel.SendAsync(new Notification("n1", new SkuKey("simulator", "demo", "A-1"), "ops@example.com", "Margin below floor"), CancellationToken.None);
        }

        var context = registry.LoadContextOf(registry.Catalog.Plugins.Single().Id);
        Assert.NotNull(context);
        Assert.True(context.IsCollectible);
        return new WeakReference(context);
    }

    private static bool Collected(WeakReference reference)
    {
        // A bound, not a timing assertion: an unloaded context takes a few collections and finalizer runs to go.
        for (var i = 0; i < 50 && reference.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return !reference.IsAlive;
    }
}
