using Marketpilot.Channels.Shared;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Channels.Telegram;

/// <summary>Registers the <c>telegram</c> notification channel when <c>Marketpilot:Plugins:telegram</c> has settings.</summary>
public sealed class TelegramPlugin : IPluginServiceRegistrator
{
    /// <summary>How long the keys of delivered messages are kept: longer than the host keeps retrying an action.</summary>
    internal static readonly TimeSpan DeliveredRetention = TimeSpan.FromDays(30);

    /// <inheritdoc />
    /// <remarks>
    /// An empty section registers nothing: the plugin ships with the host, and a host nobody configured Telegram for must
    /// start as before. A section with settings but no valid token or chat throws, so the host reports the plugin as
    /// failed with the key to fix. The delivered messages are kept in the plugin's state folder when the host gives one.
    /// </remarks>
    /// <exception cref="ArgumentException">A setting in the section is not valid; the host then skips the plugin.</exception>
    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        if (!ChannelSettings.IsConfigured(configuration))
        {
            return;
        }

        var options = TelegramOptions.FromConfiguration(configuration);
        var stateDirectory = new ChannelSettings(configuration, TelegramOptions.SectionPath).StateDirectory;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<INotificationChannel>(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var delivered = stateDirectory is null
                ? DeliveredKeys.InMemory(time)
                : DeliveredKeys.Open(stateDirectory, DeliveredRetention, time, sp.GetService<ILogger<TelegramChannel>>());
            return new TelegramChannel(options, delivered, time, sp.GetService<ILogger<TelegramChannel>>());
        });
    }
}
