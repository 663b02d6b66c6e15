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

    public static (ServiceCollection Services, PluginCatalog Catalog) LoadPlugins(string pluginsPath, params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMarketpilotPlugins(Configuration(pluginsPath, settings));
        var catalog = (PluginCatalog)services.Single(d => d.ServiceType == typeof(PluginCatalog)).ImplementationInstance!;
        return (services, catalog);
    }
}
