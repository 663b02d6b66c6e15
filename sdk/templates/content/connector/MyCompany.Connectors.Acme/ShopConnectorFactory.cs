using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;

namespace MyCompany.Connectors.Acme;

/// <summary>Creates one <see cref="ShopConnector"/> per shop from its <c>Settings:BaseUrl</c> and <c>Credentials:ApiKey</c>.</summary>
public sealed class ShopConnectorFactory : IMarketplaceConnectorFactory
{
    /// <summary>The marketplace id the connectors serve.</summary>
    public const string MarketplaceId = "acme-marketplace";

    /// <inheritdoc />
    public string Marketplace => MarketplaceId;

    /// <inheritdoc />
    /// <remarks>Checks the settings and calls nothing: the host creates connectors at start-up.</remarks>
    public IMarketplaceConnector Create(ShopConnection shop)
    {
        ArgumentNullException.ThrowIfNull(shop);

        // Name the key, never its value: messages are shown to operators and logged.
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

        return new ShopConnector(shop.ShopId, baseAddress, apiKey);
    }
}
