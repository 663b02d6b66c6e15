using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Sdk.Shops;

/// <summary>
/// Creates a connector for each shop the seller configured on one marketplace. A plugin that serves real shops
/// registers one as <see cref="IMarketplaceConnectorFactory"/> in
/// <see cref="Plugins.IPluginServiceRegistrator.RegisterServices"/>; the host calls <see cref="Create"/> once per shop
/// whose <c>Connector</c> is this plugin, and again after the plugin is reloaded.
/// </summary>
/// <remarks>
/// A plugin may instead register a single <see cref="IMarketplaceConnector"/> (the simulator does): it then serves its
/// marketplace for every shop id its snapshots carry, with one configuration.
/// </remarks>
public interface IMarketplaceConnectorFactory
{
    /// <summary>The lower-case marketplace id the connectors it creates serve, for example <c>ozon</c>.</summary>
    string Marketplace { get; }

    /// <summary>Creates the connector of one shop.</summary>
    /// <param name="shop">The shop, its settings and credentials.</param>
    /// <returns>
    /// The shop's connector. Its <see cref="IMarketplaceConnector.Marketplace"/> is <see cref="Marketplace"/>, and every
    /// snapshot it pulls carries <see cref="ShopConnection.ShopId"/>. Must not call the marketplace: the host creates
    /// connectors at start-up, and a marketplace that is down must not stop it.
    /// </returns>
    /// <exception cref="ArgumentException">
    /// A setting or credential is missing or not valid; the message names the key (never its value). The host then
    /// lists the shop as failed with that message and drives the other shops.
    /// </exception>
    IMarketplaceConnector Create(ShopConnection shop);
}
