using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Plugins.Shops;

/// <summary>A configured shop and what became of it: its guarded connector, or why it has none.</summary>
/// <param name="Definition">The shop's validated configuration.</param>
/// <param name="PluginId">The plugin that serves (or was to serve) the shop; <see langword="null"/> when none could be found.</param>
/// <param name="StateDirectory">The shop's own state folder; <see langword="null"/> when the connector was not created.</param>
/// <param name="Connector">The shop's connector, behind its plugin's guard; <see langword="null"/> when the shop failed.</param>
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
}
