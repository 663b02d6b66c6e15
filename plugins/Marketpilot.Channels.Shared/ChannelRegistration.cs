using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Channels.Shared;

/// <summary>
/// Registers a channel plugin's channel when its section has settings: the options are read (and checked) at once, so a
/// bad setting fails the plugin with the key to fix; the record of what the channel delivered lives in the plugin's state
/// folder when the host gives one, else in memory. An empty section registers nothing, so a host nobody configured the
/// channel for starts as before.
/// </summary>
internal static class ChannelRegistration
{
    /// <summary>How long the keys of delivered messages are kept: longer than the host keeps retrying an action.</summary>
    public static readonly TimeSpan DeliveredRetention = TimeSpan.FromDays(30);

    /// <exception cref="ArgumentException">A setting in the section is not valid.</exception>
    public static void AddChannel<TOptions, TChannel>(
        IServiceCollection services,
        IConfiguration configuration,
        Func<IConfiguration, TOptions> read,
        Func<TOptions, DeliveredKeys, TimeProvider, ILogger<TChannel>?, TChannel> create)
        where TChannel : INotificationChannel
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        if (!ChannelSettings.IsConfigured(configuration))
        {
            return;
        }

        var options = read(configuration);
        var stateDirectory = configuration[PluginHostKeys.StateDirectory] is { Length: > 0 } folder ? folder : null;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<INotificationChannel>(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var logger = sp.GetService<ILogger<TChannel>>();
            var delivered = stateDirectory is null ? DeliveredKeys.InMemory(time) : DeliveredKeys.Open(stateDirectory, DeliveredRetention, time, logger);
            return create(options, delivered, time, logger);
        });
    }
}
