using Marketpilot.Sdk.Plugins;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.TestPlugins.Shops;

/// <summary>Registers the factory of the <c>testshop</c> marketplace; the host creates one connector per configured shop.</summary>
public sealed class TestShopsPlugin : IPluginServiceRegistrator
{
    /// <inheritdoc />
    public void RegisterServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<IMarketplaceConnectorFactory, TestShopFactory>();
}
