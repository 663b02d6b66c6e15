using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;

namespace Marketpilot.Plugins.Shops;

/// <summary>
/// One plugin's <see cref="IMarketplaceConnectorFactory"/>, called under the plugin's guard; each connector it creates
/// calls through a guard of its shop's own (<see cref="PluginGuard.ForShop"/>).
/// </summary>
internal sealed class ShopConnectorFactory(IMarketplaceConnectorFactory inner, string marketplace, PluginGuard guard)
{
    public string Marketplace => marketplace;

    public string PluginId => guard.PluginId;

    /// <summary>Creates the connector of <paramref name="shop"/> in its own state folder, or says why it could not.</summary>
    /// <param name="shop">The shop.</param>
    /// <param name="dataPath">The host's data folder; the shop's folder is <c>&lt;data&gt;/&lt;plugin id&gt;/&lt;marketplace&gt;-&lt;shopId&gt;</c>.</param>
    /// <returns>The shop, ready or failed.</returns>
    public ConfiguredShop Create(ShopDefinition shop, string? dataPath)
    {
        var shopGuard = guard.ForShop(shop.Key, SecretMask.Values(shop.Credentials));
        if (dataPath is null)
        {
            return Failed(shop, null, "the host has no data folder for the shop's state", shopGuard);
        }

        string folder;
        try
        {
            folder = Path.Combine(PluginStateFolder.Create(dataPath, PluginId), $"{shop.Marketplace}-{shop.ShopId}");
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PluginActivationException)
        {
            return Failed(shop, null, $"its state folder could not be created: {ex.Message}", shopGuard);
        }

        var connection = new ShopConnection
        {
            Marketplace = shop.Marketplace,
            ShopId = shop.ShopId,
            Currency = shop.Currency,
            TimeZone = shop.TimeZone,
            Settings = shop.Settings,
            Credentials = shop.Credentials,
            StateDirectory = folder,
        };

        try
        {
            // Task.Run: a Create that blocks is abandoned at the plugin-call deadline like any other call. A refused
            // configuration comes back as a value: it is the seller's mistake and must not count against the plugin's breaker.
            var (created, refused) = guard.CallAsync("create-connector", token => Task.Run(() => TryCreate(connection), token), CheckCreated, CancellationToken.None, shopGuard.Scrub)
                .GetAwaiter().GetResult();
            if (refused is not null)
            {
                return Failed(shop, folder, $"plugin '{PluginId}' refused its configuration: {refused.Message}", shopGuard);
            }

            var capabilities = created.Capabilities;
            if (capabilities.Validate() is { Count: > 0 } problems)
            {
                return Failed(shop, folder, $"its connector's capabilities are not valid: {string.Join(" ", problems)}", shopGuard);
            }

            var connector = GuardedConnector.Create(created, shop.Marketplace, capabilities, shopGuard);
            return new ConfiguredShop(shop, PluginId, folder, connector, null);
        }
        catch (Exception ex)
        {
            return Failed(shop, folder, $"plugin '{PluginId}' could not create its connector: {ex.GetType().Name}: {ex.Message}", shopGuard);
        }
    }

    private (IMarketplaceConnector Connector, ArgumentException? Refused) TryCreate(ShopConnection connection)
    {
        try
        {
            return (inner.Create(connection), null);
        }
        catch (ArgumentException ex)
        {
            return (null!, ex);
        }
    }

    private string? CheckCreated((IMarketplaceConnector? Connector, ArgumentException? Refused) created)
    {
        if (created.Refused is not null)
        {
            return null;
        }

        var connector = created.Connector;
        if (connector is null)
        {
            return "returned no connector (null)";
        }

        var served = connector.Marketplace;
        return string.Equals(served, marketplace, StringComparison.Ordinal) ? null : $"returned a connector for '{served}' instead of '{marketplace}'";
    }

    private ConfiguredShop Failed(ShopDefinition shop, string? folder, string reason, PluginGuard shopGuard) =>
        new(shop, PluginId, folder, null, shopGuard.Scrub(reason));
}
