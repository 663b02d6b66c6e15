using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Plugins;

/// <summary>
/// The connectors and channels of the plugins loaded right now. Consult it on every use instead of keeping the
/// instances: a plugin whose folder is replaced is swapped for its new version while the host runs.
/// </summary>
/// <remarks>
/// Every instance it hands out is guarded: each call has a timeout and goes through a circuit breaker (a shop's
/// connector through its shop's, the rest through the plugin's), so a plugin that throws, hangs or returns garbage fails
/// that call (a <see cref="PluginFaultedException"/> while the breaker is open) and never the caller.
/// </remarks>
public interface IPluginRegistry
{
    /// <summary>The marketplace connectors of the loaded plugins, at most one per marketplace.</summary>
    IReadOnlyList<IMarketplaceConnector> Connectors { get; }

    /// <summary>The notification channels of the loaded plugins.</summary>
    IReadOnlyList<INotificationChannel> Channels { get; }

    /// <summary>
    /// The configured shops (<c>Marketpilot:Shops</c>), each with the connector its plugin's factory created for it, or
    /// the reason it has none. A shop's connector is created again when its plugin is reloaded.
    /// </summary>
    IReadOnlyList<Shops.ConfiguredShop> Shops => [];

    /// <summary>Raised after a plugin was loaded, reloaded or unloaded.</summary>
    event EventHandler? Changed;
}
