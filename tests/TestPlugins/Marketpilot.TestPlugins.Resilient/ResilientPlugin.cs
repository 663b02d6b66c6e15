using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.TestPlugins.Resilient;

/// <summary>Registers the <c>resilient</c> channel.</summary>
public sealed class ResilientPlugin : IPluginServiceRegistrator
{
    /// <inheritdoc />
    public void RegisterServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<INotificationChannel, ResilientChannel>();
}
