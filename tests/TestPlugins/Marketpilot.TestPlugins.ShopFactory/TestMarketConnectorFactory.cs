using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;

namespace Marketpilot.TestPlugins.ShopFactory;

/// <summary>Creates a <see cref="TestMarketConnector"/> per shop from <c>Settings:BaseUrl</c> and <c>Credentials:ApiKey</c>.</summary>
public sealed class TestMarketConnectorFactory : IMarketplaceConnectorFactory
{
    /// <summary>The marketplace id of the connectors it creates.</summary>
    public const string MarketplaceId = "testmarket";

    /// <inheritdoc />
    public string Marketplace => MarketplaceId;

    /// <inheritdoc />
    public IMarketplaceConnector Create(ShopConnection shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var baseUrl = shop.Settings["BaseUrl"];
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            throw new ArgumentException($"Settings:BaseUrl is missing for shop {shop}.", nameof(shop));
        }

        if (!Uri.TryCreate(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"Settings:BaseUrl of shop {shop} is not an absolute http(s) URL.", nameof(shop));
        }

        var apiKey = shop.Credentials["ApiKey"];
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ArgumentException($"Credentials:ApiKey is missing for shop {shop}.", nameof(shop));
        }

        return new TestMarketConnector(shop.ShopId, baseAddress, apiKey);
    }
}
