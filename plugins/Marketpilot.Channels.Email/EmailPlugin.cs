using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Channels.Email;

/// <summary>Registers the <c>email</c> notification channel when <c>Marketpilot:Plugins:email:Host</c> is set.</summary>
public sealed class EmailPlugin : IPluginServiceRegistrator
{
    /// <inheritdoc />
    /// <remarks>
    /// An empty section registers nothing: the plugin ships with the host, and a host nobody configured
    /// email for must start as before. A section with settings but no valid Host or From throws, so the
    /// host reports the plugin as failed with the key to fix.
    /// </remarks>
    /// <exception cref="ArgumentException">A setting in the section is not valid; the host then skips the plugin.</exception>
    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        if (!EmailOptions.IsConfigured(configuration))
        {
            return;
        }

        var options = EmailOptions.FromConfiguration(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<INotificationChannel>(sp => new EmailChannel(
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<EmailChannel>>()));
    }
}
