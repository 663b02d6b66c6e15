using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketpilot.Connectors.Ozon;

/// <summary>Creates the connector of each configured Ozon shop, with its own credentials, rate limits and state folder.</summary>
/// <param name="time">The clock for tokens, the hourly price brake and the shop's day.</param>
/// <param name="loggerFactory">Where connectors log; never a secret.</param>
public sealed class OzonConnectorFactory(TimeProvider time, ILoggerFactory? loggerFactory = null) : IMarketplaceConnectorFactory
{
    /// <inheritdoc />
    public string Marketplace => Marketplaces.Ozon;

    /// <inheritdoc />
    /// <remarks>
    /// Reads <c>Settings:SellerBaseUrl</c>, <c>Settings:PerformanceBaseUrl</c>, <c>Settings:PullMetrics</c>,
    /// <c>Credentials:ClientId</c>, <c>Credentials:ApiKey</c> and, for ads, <c>Credentials:PerformanceClientId</c> with
    /// <c>Credentials:PerformanceClientSecret</c>. Calls nothing on Ozon.
    /// </remarks>
    public IMarketplaceConnector Create(ShopConnection shop) => Create(shop, new OzonQuotas(), null);

    internal OzonConnector Create(ShopConnection shop, OzonQuotas quotas, HttpMessageHandler? handler)
    {
        var options = OzonShopOptions.FromShop(shop);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<OzonConnector>();
        return new OzonConnector(options, quotas, time, logger, handler);
    }
}
