using System.Diagnostics.Metrics;
using System.Runtime.Loader;
using Marketpilot.Plugins.Shops;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketpilot.Plugins;

/// <summary>
/// The plugins loaded right now, one per folder of the plugins path; loads them on first use, and reloads or unloads
/// one when its folder changes (<see cref="ReloadAsync"/>). Registered as a singleton, as <see cref="IPluginRegistry"/> too.
/// </summary>
public sealed partial class PluginRegistry : IPluginRegistry, IAsyncDisposable
{
    private readonly PluginFolderLoader _loader;
    private readonly PluginMetrics _metrics;
    private readonly ILogger<PluginRegistry> _logger;
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private readonly Lock _gate = new();
    private readonly Lazy<PluginCatalog> _catalog;
    private Dictionary<string, LoadedPlugin> _loaded = new(StringComparer.Ordinal);
    private IReadOnlyList<IMarketplaceConnector> _connectors = [];
    private IReadOnlyList<INotificationChannel> _channels = [];
    private readonly ShopConnectors _shops;

    /// <summary>Creates the registry; nothing is loaded until it is first used.</summary>
    /// <param name="configuration">The host's root configuration; each plugin gets its section <c>Marketpilot:Plugins:&lt;id&gt;</c>; the shops are read from <c>Marketpilot:Shops</c>.</param>
    /// <param name="pluginOptions">Where the plugins are.</param>
    /// <param name="runtimeOptions">Timeouts, circuit breaker and reload settings.</param>
    /// <param name="loggerFactory">The host's logging, shared with the plugins.</param>
    /// <param name="time">The clock of timeouts and breakers, shared with the plugins.</param>
    /// <param name="meterFactory">Where the metrics go; a private meter when <see langword="null"/>.</param>
    public PluginRegistry(
        IConfiguration configuration,
        IOptions<PluginOptions> pluginOptions,
        IOptions<PluginRuntimeOptions> runtimeOptions,
        ILoggerFactory loggerFactory,
        TimeProvider? time = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(pluginOptions);
        ArgumentNullException.ThrowIfNull(runtimeOptions);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        Path = pluginOptions.Value.ResolvePath();
        _logger = loggerFactory.CreateLogger<PluginRegistry>();
        _metrics = new PluginMetrics(meterFactory, () => Catalog.Faulted.Count(), () => Shops.Count(s => s.IsSuspended));
        _loader = new PluginFolderLoader(configuration, pluginOptions.Value.DataPath, HostSdkVersion.Current, loggerFactory, time ?? TimeProvider.System, runtimeOptions.Value, _metrics);
        // Read here rather than through validated options: a command such as `plugins list` must not fail on a bad shop
        // entry (the host refuses to start on one, ShopsOptionsValidator); only the valid entries get connectors.
        var shops = new ShopsOptions();
        shops.Load(configuration);
        _shops = new ShopConnectors(shops.Shops, pluginOptions.Value.DataPath, loggerFactory.CreateLogger<ShopConnectors>());
        _catalog = new(LoadAll, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <inheritdoc/>
    public event EventHandler? Changed;

    /// <summary>The absolute plugins folder.</summary>
    public string Path { get; }

    /// <summary>What became of every plugin folder; live.</summary>
    public PluginCatalog Catalog => _catalog.Value;

    /// <inheritdoc/>
    public IReadOnlyList<IMarketplaceConnector> Connectors
    {
        get
        {
            _ = Catalog;
            return Volatile.Read(ref _connectors);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<INotificationChannel> Channels
    {
        get
        {
            _ = Catalog;
            return Volatile.Read(ref _channels);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<ConfiguredShop> Shops
    {
        get
        {
            _ = Catalog;
            return _shops.Current;
        }
    }

    /// <summary>
    /// Loads what is in one plugin folder now: a new folder is loaded, a changed one is loaded again and its old version
    /// unloaded once its running calls end, a removed one is unloaded. Calls already running finish on the old version.
    /// </summary>
    /// <param name="folder">The plugin's folder: a full path, or a folder name under <see cref="Path"/>.</param>
    /// <param name="cancellationToken">Stops waiting for the old version's running calls; it is then unloaded anyway.</param>
    /// <returns>What became of the plugin; <see langword="null"/> when the folder is gone.</returns>
    public async Task<PluginInfo?> ReloadAsync(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, folder)));
        _ = Catalog;
        await _reloading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            LoadedPlugin? old;
            PluginInfo? info = null;
            lock (_gate)
            {
                old = _loaded.GetValueOrDefault(full);
            }

            if (!Directory.Exists(full))
            {
                Catalog.Remove(full);
                Swap(full, null);
                if (old is not null)
                {
                    _metrics.Reload(old.Info.Id, "removed");
                    LogRemoved(old.Info.Id, old.Info.Version, full);
                }
            }
            else
            {
                // The old version steps aside first so that the new one may keep its id.
                var loaded = _loader.Load(full, id => IdTaken(id, except: full), Callbacks, out info);
                Catalog.Set(info);
                Swap(full, loaded);
                _metrics.Reload(info.Id, loaded is null ? "failed" : "loaded");
                if (loaded is null)
                {
                    LogReloadFailed(info.Id, full, info.Reason);
                }
                else
                {
                    LogReloaded(info.Id, info.Version, old?.Info.Version, full);
                }
            }

            if (old is not null)
            {
                await UnloadAsync(old, cancellationToken).ConfigureAwait(false);
            }

            return info;
        }
        finally
        {
            _reloading.Release();
        }
    }

    /// <summary>The load context of a loaded plugin, so tests can check it is collected once unloaded.</summary>
    internal AssemblyLoadContext? LoadContextOf(string pluginId)
    {
        lock (_gate)
        {
            return _loaded.Values.FirstOrDefault(p => p.Info.Id == pluginId)?.LoadContext;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        List<LoadedPlugin> loaded;
        lock (_gate)
        {
            loaded = [.. _loaded.Values];
            _loaded = new(StringComparer.Ordinal);
            _connectors = [];
            _channels = [];
        }

        foreach (var plugin in loaded)
        {
            await plugin.UnloadAsync().ConfigureAwait(false);
        }

        _metrics.Dispose();
        _reloading.Dispose();
    }

    private PluginCatalog LoadAll()
    {
        if (!Directory.Exists(Path))
        {
            return new PluginCatalog(Path, folderExists: false, []);
        }

        var infos = new List<PluginInfo>();
        foreach (var folder in Directory.GetDirectories(Path).Order(StringComparer.Ordinal))
        {
            var full = System.IO.Path.TrimEndingDirectorySeparator(folder);
            var loaded = _loader.Load(full, id => IdTaken(id, except: full), Callbacks, out var info);
            infos.Add(info);
            if (loaded is not null)
            {
                lock (_gate)
                {
                    _loaded[full] = loaded;
                }
            }
        }

        Publish(raise: false);
        return new PluginCatalog(Path, folderExists: true, infos);
    }

    private bool IdTaken(string id, string except)
    {
        lock (_gate)
        {
            return _loaded.Any(p => p.Key != except && p.Value.Info.Id == id);
        }
    }

    // A breaker may open while the catalog is still being built (creating the shops' connectors calls into plugins);
    // the catalog, not yet there, cannot record it then, and reading it would re-enter its construction.
    private (Action<string, DateTimeOffset> Faulted, Action Recovered) Callbacks(PluginInfo info) =>
    (
        (reason, until) => _ = _catalog.IsValueCreated && Catalog.Update(info, current => current with
        {
            Status = PluginStatus.Faulted,
            Reason = $"{reason}; calls are suspended until {until:u}",
        }),
        () => _ = _catalog.IsValueCreated && Catalog.Update(info, current => current with { Status = PluginStatus.Loaded, Reason = null })
    );

    private void Swap(string folder, LoadedPlugin? plugin)
    {
        lock (_gate)
        {
            var next = new Dictionary<string, LoadedPlugin>(_loaded, StringComparer.Ordinal);
            if (plugin is null)
            {
                next.Remove(folder);
            }
            else
            {
                next[folder] = plugin;
            }

            _loaded = next;
        }

        Publish(raise: true);
    }

    private void Publish(bool raise)
    {
        lock (_gate)
        {
            var ordered = _loaded.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToList();
            // One connector per marketplace: the first folder wins, the others are reported.
            var connectors = new List<IMarketplaceConnector>();
            foreach (var connector in ordered.SelectMany(p => p.Connectors))
            {
                if (connectors.Any(c => string.Equals(c.Marketplace, connector.Marketplace, StringComparison.OrdinalIgnoreCase)))
                {
                    LogDuplicateMarketplace(connector.PluginId, connector.Marketplace);
                    continue;
                }

                connectors.Add(connector);
            }

            Volatile.Write(ref _connectors, connectors);
            Volatile.Write(ref _channels, [.. ordered.SelectMany(p => p.Channels)]);
        }

        // Outside the lock: creating a shop's connector calls into its plugin.
        _shops.Rebuild(LoadedInOrder());

        if (raise)
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }
    }

    private List<LoadedPlugin> LoadedInOrder()
    {
        lock (_gate)
        {
            return [.. _loaded.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value)];
        }
    }

    private async Task UnloadAsync(LoadedPlugin plugin, CancellationToken cancellationToken)
    {
        try
        {
            await plugin.Guard.DrainAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Unload anyway; calls still running finish on their own or are abandoned by their timeout.
        }

        try
        {
            await plugin.UnloadAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogUnloadFailed(ex, plugin.Info.Id, plugin.Info.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reloaded plugin {Plugin} {Version} (was {OldVersion}) from {Path}")]
    private partial void LogReloaded(string plugin, string? version, string? oldVersion, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Plugin {Plugin} at {Path} failed to reload: {Reason}. It is not used until its folder changes again")]
    private partial void LogReloadFailed(string plugin, string path, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {Plugin} {Version} was removed from {Path}; unloaded it")]
    private partial void LogRemoved(string plugin, string? version, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unloading plugin {Plugin} {Version} threw; it may stay in memory until the host restarts")]
    private partial void LogUnloadFailed(Exception exception, string plugin, string? version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {Plugin} provides a connector for {Connector}, which another plugin already serves; it is not used")]
    private partial void LogDuplicateMarketplace(string plugin, string connector);
}
