using System.Runtime.Loader;
using McMaster.NETCore.Plugins;

namespace Marketpilot.Plugins;

/// <summary>One loaded version of a plugin: its unloadable load context, its own container, and its guarded connectors and channels.</summary>
internal sealed class LoadedPlugin(
    PluginInfo info,
    PluginLoader loader,
    AssemblyLoadContext? loadContext,
    IServiceProvider services,
    PluginGuard guard,
    IReadOnlyList<GuardedConnector> connectors,
    IReadOnlyList<GuardedChannel> channels)
{
    public PluginInfo Info { get; } = info;

    public PluginGuard Guard { get; } = guard;

    public IReadOnlyList<GuardedConnector> Connectors { get; } = connectors;

    public IReadOnlyList<GuardedChannel> Channels { get; } = channels;

    /// <summary>The plugin's shop connector factories, one per marketplace it serves shops of.</summary>
    public IReadOnlyList<Shops.ShopConnectorFactory> ShopFactories { get; init; } = [];

    /// <summary>The plugin's load context, for tests that check it is collected after unloading.</summary>
    public AssemblyLoadContext? LoadContext { get; } = loadContext;

    /// <summary>
    /// Disposes the plugin's container, unloads its load context and removes its types from the framework's caches; the
    /// caller has drained in-flight calls. The context is collected once nothing references the plugin any more.
    /// </summary>
    public async ValueTask UnloadAsync()
    {
        try
        {
            switch (services)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
        finally
        {
            loader.Unload(LoadContext);
        }
    }
}
