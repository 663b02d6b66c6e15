using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.TestPlugins.Json;

/// <summary>Registers a connector whose marketplace is named after the plugin's assembly (json-legacy, json-current).</summary>
public sealed class JsonProbePlugin : IPluginServiceRegistrator
{
    /// <inheritdoc />
    public void RegisterServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<IMarketplaceConnector>(new JsonProbeConnector(
            typeof(JsonProbePlugin).Assembly.GetName().Name!.EndsWith("Legacy", StringComparison.Ordinal) ? "json-legacy" : "json-current"));
}
