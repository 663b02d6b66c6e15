using Microsoft.Extensions.Logging;

namespace Marketpilot.Plugins.Shops;

/// <summary>
/// The configured shops and their connectors, rebuilt whenever the loaded plugins change: a shop keeps its connector
/// while its plugin stays the same loaded version, and gets a new one from the new version after a reload.
/// </summary>
internal sealed partial class ShopConnectors(IReadOnlyList<ShopDefinition> shops, string? dataPath, ILogger<ShopConnectors> logger)
{
    private Dictionary<string, (LoadedPlugin? Plugin, ConfiguredShop Shop)> _built = new(StringComparer.Ordinal);
    private IReadOnlyList<ConfiguredShop> _current = [.. shops.Select(s => new ConfiguredShop(s, s.Connector, null, null, "the plugins are not loaded yet"))];

    public IReadOnlyList<ConfiguredShop> Current => Volatile.Read(ref _current);

    /// <summary>Finds each shop's plugin among <paramref name="loaded"/> (in folder order) and creates the connectors that are new.</summary>
    public void Rebuild(IReadOnlyList<LoadedPlugin> loaded)
    {
        var next = new Dictionary<string, (LoadedPlugin? Plugin, ConfiguredShop Shop)>(StringComparer.Ordinal);
        foreach (var shop in shops)
        {
            var (plugin, factory, missing) = Resolve(shop, loaded);
            if (_built.TryGetValue(shop.Key, out var previous) && previous.Plugin is not null && ReferenceEquals(previous.Plugin, plugin))
            {
                next[shop.Key] = previous;
                continue;
            }

            var built = factory is null ? new ConfiguredShop(shop, plugin?.Info.Id ?? shop.Connector, null, null, missing) : factory.Create(shop, dataPath);
            if (built.Ready)
            {
                LogReady(shop.Key, built.PluginId!, built.StateDirectory!);
            }
            else
            {
                LogFailed(shop.Path, shop.Key, built.FailureReason!);
            }

            next[shop.Key] = (plugin, built);
        }

        _built = next;
        Volatile.Write(ref _current, [.. shops.Select(s => next[s.Key].Shop)]);
    }

    private static (LoadedPlugin? Plugin, ShopConnectorFactory? Factory, string? Missing) Resolve(ShopDefinition shop, IReadOnlyList<LoadedPlugin> loaded)
    {
        if (shop.Connector is { } id)
        {
            var named = loaded.FirstOrDefault(p => p.Info.Id == id);
            if (named is null)
            {
                return (null, null, $"no plugin '{id}' is loaded ({shop.Path}:Connector)");
            }

            var factory = named.ShopFactories.FirstOrDefault(f => f.Marketplace == shop.Marketplace);
            return factory is null
                ? (named, null, $"plugin '{id}' creates no connectors for marketplace '{shop.Marketplace}'")
                : (named, factory, null);
        }

        foreach (var plugin in loaded)
        {
            if (plugin.ShopFactories.FirstOrDefault(f => f.Marketplace == shop.Marketplace) is { } factory)
            {
                return (plugin, factory, null);
            }
        }

        return (null, null, $"no loaded plugin creates connectors for marketplace '{shop.Marketplace}'; set {shop.Path}:Connector or install one");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shop {Shop} is served by plugin {Plugin}; its state folder is {StateDirectory}")]
    private partial void LogReady(string shop, string plugin, string stateDirectory);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shop {Shop} ({Path}) has no connector: {Reason}. The other shops run")]
    private partial void LogFailed(string path, string shop, string reason);
}
