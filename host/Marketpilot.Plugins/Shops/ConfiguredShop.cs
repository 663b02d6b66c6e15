using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Plugins.Shops;

/// <summary>A configured shop and what became of it: its guarded connector, or why it has none.</summary>
/// <param name="Definition">The shop's validated configuration.</param>
/// <param name="PluginId">The plugin that serves (or was to serve) the shop; <see langword="null"/> when none could be found.</param>
/// <param name="StateDirectory">The shop's own state folder; <see langword="null"/> when the connector was not created.</param>
/// <param name="Connector">
/// The shop's connector, behind a guard of its own: the plugin's deadline and a breaker of the shop's; <see langword="null"/>
/// when the shop failed.
/// </param>
/// <param name="FailureReason">Why the shop has no connector; never carries a credential value.</param>
public sealed record ConfiguredShop(
    ShopDefinition Definition,
    string? PluginId,
    string? StateDirectory,
    IMarketplaceConnector? Connector,
    string? FailureReason)
{
    /// <summary>Whether the shop has a connector the host drives.</summary>
    public bool Ready => Connector is not null;

    /// <summary>
    /// Where the shop's own circuit breaker stands now: open after its calls failed too often (the reason with its
    /// credentials and the plugin's secrets masked, and when the host tries again), while the plugin and its other shops
    /// run on; <see langword="null"/> when the shop has no guarded connector.
    /// </summary>
    public BreakerState? Breaker => (Connector as GuardedConnector)?.Breaker;

    /// <summary>Whether the shop's own breaker is not closed (open, or half-open while one trial call runs): its calls are held back.</summary>
    public bool IsSuspended => Breaker is { State: not CircuitState.Closed };
}
