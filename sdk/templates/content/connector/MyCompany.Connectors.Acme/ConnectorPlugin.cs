using Marketpilot.Sdk.Plugins;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MyCompany.Connectors.Acme;

/// <summary>The plugin's entry point: registers the factory the host asks for each configured shop's connector.</summary>
public sealed class ConnectorPlugin : IPluginServiceRegistrator
{
    /// <inheritdoc />
    public void RegisterServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<IMarketplaceConnectorFactory, ShopConnectorFactory>();
}
