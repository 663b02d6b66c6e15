using Marketpilot.Sdk.Plugins;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Connectors.Kaspi;

/// <summary>Registers the <c>kaspi</c> connector factory; the host creates one connector per configured Kaspi shop.</summary>
public sealed class KaspiPlugin : IPluginServiceRegistrator
{
    /// <inheritdoc />
    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IMarketplaceConnectorFactory>(sp => new KaspiConnectorFactory(
            sp.GetService<ILoggerFactory>(),
            sp.GetService<TimeProvider>()));
    }
}
