using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Connectors.Simulator;

/// <summary>Registers the simulator as the <c>simulator</c> marketplace connector.</summary>
public sealed class SimulatorPlugin : IPluginServiceRegistrator
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException">A setting in the section is not valid; the host then skips the plugin.</exception>
    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var options = SimulatorOptions.FromConfiguration(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMarketplaceConnector>(sp => new SimulatorConnector(
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<SimulatorConnector>>()));
    }
}
