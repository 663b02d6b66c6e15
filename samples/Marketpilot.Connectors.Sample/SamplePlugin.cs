using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketpilot.Connectors.Sample;

/// <summary>The plugin's entry point: registers <see cref="SampleConnector"/> as the <c>sample</c> marketplace connector.</summary>
public sealed class SamplePlugin : IPluginServiceRegistrator
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException">A setting is missing or invalid (for example no <c>ApiKey</c>); the host then marks the plugin failed.</exception>
    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        // Read and check the options now, so a bad setting fails the plugin at start-up with the key's name.
        var options = SampleOptions.FromConfiguration(configuration);
        services.AddSingleton<IMarketplaceConnector>(sp => new SampleConnector(
            options,
            new SampleMarketplace(),
            sp.GetService<ILogger<SampleConnector>>() ?? NullLogger<SampleConnector>.Instance));
    }
}
