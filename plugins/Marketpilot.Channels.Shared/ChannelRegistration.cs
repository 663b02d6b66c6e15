using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Channels.Shared;

/// <summary>Registers a channel with the record of what it delivered: in the plugin's state folder when the host gives one, else in memory.</summary>
internal static class ChannelRegistration
{
    /// <summary>How long the keys of delivered messages are kept: longer than the host keeps retrying an action.</summary>
    public static readonly TimeSpan DeliveredRetention = TimeSpan.FromDays(30);

    public static void AddChannel<TChannel>(
        IServiceCollection services, IConfiguration configuration, Func<DeliveredKeys, TimeProvider, ILogger<TChannel>?, TChannel> create)
        where TChannel : INotificationChannel
    {
        var stateDirectory = configuration[PluginHostKeys.StateDirectory] is { Length: > 0 } folder ? folder : null;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<INotificationChannel>(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            var logger = sp.GetService<ILogger<TChannel>>();
            var delivered = stateDirectory is null ? DeliveredKeys.InMemory(time) : DeliveredKeys.Open(stateDirectory, DeliveredRetention, time, logger);
            return create(delivered, time, logger);
        });
    }
}
