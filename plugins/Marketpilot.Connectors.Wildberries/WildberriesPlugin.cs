using Marketpilot.Sdk.Plugins;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Connectors.Wildberries;

/// <summary>Registers the <c>wildberries</c> connector factory; the host creates one connector per configured Wildberries shop.</summary>
public sealed class WildberriesPlugin : IPluginServiceRegistrator
{
    /// <inheritdoc />
    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMarketplaceConnectorFactory>(sp => new WildberriesConnectorFactory(
            sp.GetService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>()));
    }
}
