using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.TestPlugins.Leaky;

/// <summary>Registers the <c>leaky</c> channel and connector with the plugin's settings; with <c>FailRegistration</c> it throws, quoting the bot token.</summary>
public sealed class LeakyPlugin : IPluginServiceRegistrator
{
    /// <inheritdoc />
    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        var settings = new LeakySettings(configuration["BotToken"] ?? "", configuration["ApiKey"] ?? "", configuration["Hook"] ?? "", configuration["Greeting"] ?? "");
        if (string.Equals(configuration["FailRegistration"], "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"the bot token {settings.BotToken} was refused ({settings.Greeting})");
        }

        services.AddSingleton<INotificationChannel>(_ => new LeakyChannel(settings));
        services.AddSingleton<IMarketplaceConnector>(_ => new LeakyConnector(settings));
    }
}
