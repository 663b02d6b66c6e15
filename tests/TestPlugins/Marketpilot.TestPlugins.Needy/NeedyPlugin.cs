using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Plugins;
using Marketpilot.TestPlugins.Needy.Library;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.TestPlugins.Needy;

/// <summary>Registers a channel whose name comes from the plugin's private library.</summary>
public sealed class NeedyPlugin : IPluginServiceRegistrator
{
    /// <inheritdoc />
    public void RegisterServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<INotificationChannel>(new NeedyChannel(ChannelName.Value));
}
