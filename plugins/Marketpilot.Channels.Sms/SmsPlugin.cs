using Marketpilot.Channels.Shared;
using Marketpilot.Sdk.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.Channels.Sms;

/// <summary>Registers the <c>sms</c> notification channel when <c>Marketpilot:Plugins:sms</c> has settings.</summary>
public sealed class SmsPlugin : IPluginServiceRegistrator
{
    /// <inheritdoc />
    /// <remarks>
    /// An empty section registers nothing: the plugin ships with the host, and a host nobody configured a gateway for must
    /// start as before. A section with settings but no valid endpoint, template or phone number throws, so the host reports
    /// the plugin as failed with the key to fix. The SMS delivered are remembered in the plugin's state folder when the host gives one.
    /// </remarks>
    /// <exception cref="ArgumentException">A setting in the section is not valid; the host then skips the plugin.</exception>
    public void RegisterServices(IServiceCollection services, IConfiguration configuration) =>
        ChannelRegistration.AddChannel<SmsOptions, SmsChannel>(
            services, configuration, SmsOptions.FromConfiguration, (options, delivered, time, logger) => new(options, delivered, time, logger));
}
