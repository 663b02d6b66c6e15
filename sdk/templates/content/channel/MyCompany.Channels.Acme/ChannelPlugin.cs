using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MyCompany.Channels.Acme;

/// <summary>Registers the channel when <c>Marketpilot:Plugins:acme-channel:Url</c> is set.</summary>
public sealed class ChannelPlugin : IPluginServiceRegistrator
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException">The Url is not an absolute http(s) URL; the host then lists the plugin as failed with this message.</exception>
    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        var url = configuration["Url"];
        if (string.IsNullOrWhiteSpace(url))
        {
            return; // Not configured: the host starts without the channel.
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException("Url is not an absolute http(s) URL.", nameof(configuration));
        }

        // A factory, not an instance: the plugin's container then disposes the channel (and its HttpClient) when the host
        // unloads the plugin.
        var token = configuration["Token"];
        services.AddSingleton<INotificationChannel>(_ => new HttpPostChannel(endpoint, token));
    }
}
