using Marketpilot.Sdk.Plugins;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Connectors.Ozon;

/// <summary>Registers the Ozon connector factory; the host creates one connector per configured Ozon shop.</summary>
public sealed class OzonPlugin : IPluginServiceRegistrator
{
    /// <inheritdoc />
    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMarketplaceConnectorFactory>(sp => new OzonConnectorFactory(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()));
    }
}
