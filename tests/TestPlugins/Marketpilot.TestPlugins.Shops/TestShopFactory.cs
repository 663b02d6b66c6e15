using System.Security.Cryptography;
using System.Text;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;

namespace Marketpilot.TestPlugins.Shops;

/// <summary>
/// Creates a <see cref="TestShopConnector"/> per shop. <c>Credentials:ApiKey</c> is required; the connector writes the
/// SHA-256 of it (never the key) to <c>connector.txt</c> in the shop's state folder, so tests see which credentials it got.
/// </summary>
public sealed class TestShopFactory : IMarketplaceConnectorFactory
{
    /// <summary>The marketplace id.</summary>
    public const string MarketplaceId = "testshop";

    /// <inheritdoc />
    public string Marketplace => MarketplaceId;

    /// <inheritdoc />
    public IMarketplaceConnector Create(ShopConnection shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var apiKey = shop.Credentials["ApiKey"];
        if (string.IsNullOrEmpty(apiKey))
        {
            throw new ArgumentException("Credentials:ApiKey is missing.", nameof(shop));
        }

        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
        File.WriteAllText(Path.Combine(shop.StateDirectory, "connector.txt"), $"{shop.ShopId} {fingerprint}");
        return new TestShopConnector(shop);
    }
}
