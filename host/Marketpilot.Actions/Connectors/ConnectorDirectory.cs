using Marketpilot.Plugins;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Actions.Connectors;

/// <summary>
/// The one lookup of connectors and notification channels: those registered in the host's container and those of the
/// loaded plugins, read on every call so a plugin reloaded while the host runs is used at once. Plugins' components
/// come guarded (timeout and circuit breaker per plugin).
/// </summary>
/// <param name="connectors">Connectors registered in the host's container (built in, or in tests).</param>
/// <param name="channels">Channels registered in the host's container, such as the <c>log</c> channel.</param>
/// <param name="plugins">The loaded plugins; none when <see langword="null"/>.</param>
public sealed class ConnectorDirectory(
    IEnumerable<IMarketplaceConnector> connectors,
    IEnumerable<INotificationChannel> channels,
    IPluginRegistry? plugins = null)
{
    private readonly IReadOnlyList<IMarketplaceConnector> _hostConnectors = [.. connectors];
    private readonly IReadOnlyList<INotificationChannel> _hostChannels = [.. channels];

    /// <summary>Every connector now.</summary>
    public IReadOnlyList<IMarketplaceConnector> Connectors => plugins is null ? _hostConnectors : [.. _hostConnectors, .. plugins.Connectors];

    /// <summary>Every notification channel now.</summary>
    public IReadOnlyList<INotificationChannel> Channels => plugins is null ? _hostChannels : [.. _hostChannels, .. plugins.Channels];

    /// <summary>The connector serving <paramref name="marketplace"/> (ignoring case), if one is loaded.</summary>
    /// <param name="marketplace">The marketplace id.</param>
    /// <returns>The connector, or <see langword="null"/>.</returns>
    public IMarketplaceConnector? Find(string marketplace) =>
        Connectors.FirstOrDefault(c => string.Equals(c.Marketplace, marketplace, StringComparison.OrdinalIgnoreCase));

    /// <summary>The name a connector or channel is logged under: its plugin id, or its type for one built in.</summary>
    /// <param name="component">A connector or channel.</param>
    /// <returns>The name.</returns>
    public static string NameOf(object component) => component is IPluginComponent plugin ? plugin.PluginId : component.GetType().Name;
}
