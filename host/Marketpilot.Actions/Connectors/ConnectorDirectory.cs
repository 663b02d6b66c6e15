using Marketpilot.Plugins;
using Marketpilot.Plugins.Shops;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Options;

namespace Marketpilot.Actions.Connectors;

/// <summary>
/// The one lookup of connectors and notification channels, and the one way to call them: those registered in the host's
/// container and those of the loaded plugins, read on every call so a plugin reloaded while the host runs is used at
/// once. Every call has the one plugin-call deadline, <c>Marketpilot:Plugins:Runtime:CallTimeoutMilliseconds</c>:
/// plugins' components come guarded with it (and a circuit breaker per plugin); the host's own get it from
/// <see cref="CallAsync"/>.
/// </summary>
/// <param name="connectors">Connectors registered in the host's container (built in, or in tests).</param>
/// <param name="channels">Channels registered in the host's container, such as the <c>log</c> channel.</param>
/// <param name="runtime">The plugin-call deadline.</param>
/// <param name="plugins">The loaded plugins; none when <see langword="null"/>.</param>
public sealed class ConnectorDirectory(
    IEnumerable<IMarketplaceConnector> connectors,
    IEnumerable<INotificationChannel> channels,
    IOptions<PluginRuntimeOptions> runtime,
    IPluginRegistry? plugins = null)
{
    /// <summary>How long one call into a connector or channel may take.</summary>
    public TimeSpan CallTimeout { get; } = TimeSpan.FromMilliseconds(runtime.Value.CallTimeoutMilliseconds);

    private readonly IReadOnlyList<IMarketplaceConnector> _hostConnectors = [.. connectors];
    private readonly IReadOnlyList<INotificationChannel> _hostChannels = [.. channels];

    /// <summary>Every connector now.</summary>
    public IReadOnlyList<IMarketplaceConnector> Connectors => plugins is null ? _hostConnectors : [.. _hostConnectors, .. plugins.Connectors];

    /// <summary>Every notification channel now.</summary>
    public IReadOnlyList<INotificationChannel> Channels => plugins is null ? _hostChannels : [.. _hostChannels, .. plugins.Channels];

    /// <summary>The configured shops (<c>Marketpilot:Shops</c>), ready or failed.</summary>
    public IReadOnlyList<ConfiguredShop> Shops => plugins?.Shops ?? [];

    /// <summary>
    /// The marketplace ids served now: of every connector and of every configured shop (ready or not: data posted for a
    /// failed shop is still its data).
    /// </summary>
    public IEnumerable<string> Marketplaces => Connectors.Select(c => c.Marketplace).Concat(Shops.Select(s => s.Definition.Marketplace));

    /// <summary>
    /// The connector that serves one shop: the configured shop's own connector (none while that shop is failed: its
    /// actions must not go to another account), otherwise the marketplace-wide connector (ignoring case), as the
    /// simulator is for every shop id its snapshots carry.
    /// </summary>
    /// <param name="marketplace">The marketplace id.</param>
    /// <param name="shopId">The shop id; <see langword="null"/> for the marketplace-wide connector only.</param>
    /// <returns>The connector, or <see langword="null"/>.</returns>
    public IMarketplaceConnector? Find(string marketplace, string? shopId)
    {
        if (shopId is not null && FindShop(marketplace, shopId) is { } shop)
        {
            return shop.Connector;
        }

        return Connectors.FirstOrDefault(c => string.Equals(c.Marketplace, marketplace, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The configured shop <paramref name="marketplace"/>/<paramref name="shopId"/>, ready or failed.</summary>
    /// <param name="marketplace">The marketplace id (any case).</param>
    /// <param name="shopId">The shop id.</param>
    /// <returns>The shop, or <see langword="null"/> when it is not configured.</returns>
    public ConfiguredShop? FindShop(string marketplace, string shopId) =>
        Shops.FirstOrDefault(s => s.Definition.Key == ShopDefinition.KeyOf(marketplace, shopId));

    /// <summary>Calls into a connector or channel within <see cref="CallTimeout"/>, abandoning a call that ignores its token.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="component">The connector or channel called.</param>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Cancels the call (the host is stopping).</param>
    /// <returns>The call's result.</returns>
    /// <exception cref="TimeoutException">The call ran past <see cref="CallTimeout"/>.</exception>
    public Task<T> CallAsync<T>(object component, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        component is IPluginComponent
            ? call(cancellationToken) // the plugin's guard applies the same deadline, and counts the timeout against the plugin
            : PluginCall.WithTimeoutAsync(call, CallTimeout, cancellationToken);

    /// <summary>The name a connector or channel is logged under: its plugin id, or its type for one built in.</summary>
    /// <param name="component">A connector or channel.</param>
    /// <returns>The name.</returns>
    public static string NameOf(object component) => component is IPluginComponent plugin ? plugin.PluginId : component.GetType().Name;
}
