using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.Sdk.Plugins;

/// <summary>
/// The entry point of a plugin: the host creates it with its parameterless constructor and calls
/// <see cref="RegisterServices"/> once, at start-up, before anything else in the plugin runs.
/// </summary>
/// <remarks>
/// Register connectors as <see cref="Connectors.IMarketplaceConnector"/> and channels as
/// <see cref="Connectors.INotificationChannel"/>. Only types from <c>Marketpilot.Sdk</c> and the
/// <c>Microsoft.Extensions.*.Abstractions</c> assemblies cross into the host; everything else the
/// plugin uses stays private to it. If this method throws, the host logs the plugin as failed and
/// starts without it.
/// </remarks>
public interface IPluginServiceRegistrator
{
    /// <summary>Adds the plugin's services to its container, from which the host resolves its connectors and channels.</summary>
    /// <param name="services">
    /// The plugin's own service collection, seeded with the host's <c>ILoggerFactory</c>, <c>ILogger&lt;T&gt;</c>,
    /// <see cref="TimeProvider"/> and the options services; the host's other services are not in it.
    /// </param>
    /// <param name="configuration">
    /// The plugin's own configuration section, <c>Marketpilot:Plugins:&lt;plugin id&gt;</c>. Secrets
    /// (API keys, tokens) come from here; never log them.
    /// </param>
    void RegisterServices(IServiceCollection services, IConfiguration configuration);
}
