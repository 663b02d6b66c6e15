using Marketpilot.Sdk.Plugins;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.TestPlugins.ShopFactory;

/// <summary>Registers only a connector factory: the plugin has no connector until the host gives it a shop.</summary>
public sealed class ShopFactoryPlugin : IPluginServiceRegistrator
{
    /// <inheritdoc />
    public void RegisterServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<IMarketplaceConnectorFactory, TestMarketConnectorFactory>();
}
