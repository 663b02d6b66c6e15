using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.Plugins.Tests.Support;

/// <summary>Builds a host container the way the executable does, from in-memory settings.</summary>
public static class TestHost
{
    public static IConfiguration Configuration(string pluginsPath, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?> { ["Marketpilot:Plugins:Path"] = pluginsPath };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    public static (PluginRegistry Registry, PluginCatalog Catalog) LoadPlugins(string pluginsPath, params (string Key, string Value)[] settings) =>
        LoadPlugins(pluginsPath, null, settings);

    public static (PluginRegistry Registry, PluginCatalog Catalog) LoadPlugins(
        string pluginsPath, TimeProvider? time, params (string Key, string Value)[] settings) =>
        LoadPlugins(pluginsPath, time, dataPath: null, settings);

    /// <summary>Loads the plugins as the executable does, with a data folder, so each plugin gets its state folder.</summary>
    public static (PluginRegistry Registry, PluginCatalog Catalog) LoadPluginsWithData(
        string pluginsPath, string dataPath, params (string Key, string Value)[] settings) =>
        LoadPlugins(pluginsPath, time: null, dataPath, settings);

    private static (PluginRegistry Registry, PluginCatalog Catalog) LoadPlugins(
        string pluginsPath, TimeProvider? time, string? dataPath, (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddMarketpilotPlugins(Configuration(pluginsPath, settings), options => options.DataPath = dataPath);
        var registry = services.BuildServiceProvider().GetRequiredService<PluginRegistry>();
        return (registry, registry.Catalog);
    }
}
