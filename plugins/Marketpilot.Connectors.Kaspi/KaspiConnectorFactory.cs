using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketpilot.Connectors.Kaspi;

/// <summary>Creates the <see cref="KaspiConnector"/> of each configured Kaspi.kz shop.</summary>
/// <param name="loggerFactory">Where connectors log; nothing is logged when <see langword="null"/>.</param>
/// <param name="timeProvider">The clock (today's date, retry delays); <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
/// <param name="handler">
/// The HTTP handler every connector sends through (tests pass their own); one per connector that follows no redirect
/// when <see langword="null"/>.
/// </param>
public sealed class KaspiConnectorFactory(ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, Func<HttpMessageHandler>? handler = null)
    : IMarketplaceConnectorFactory
{
    /// <inheritdoc />
    public string Marketplace => Marketplaces.Kaspi;

    /// <inheritdoc />
    /// <remarks>
    /// Reads <c>Settings</c> (<c>BaseUrl</c>, <c>MerchantId</c>, <c>CompanyName</c>, <c>StoreIds</c>, <c>CityIds</c>,
    /// <c>BackfillDays</c>, <c>RefreshDays</c>, <c>RequestsPerSecond</c>, <c>RequestTimeoutSeconds</c>) and
    /// <c>Credentials:Token</c>, and opens the shop's price ledger in its state folder. Calls nothing on Kaspi.
    /// </remarks>
    /// <returns>A <see cref="KaspiConnector"/>, which also implements <see cref="IOfferFeedSource"/>.</returns>
    /// <exception cref="ArgumentException">A key is missing or not valid (named, never its value), or the currency is not KZT.</exception>
    /// <exception cref="InvalidDataException">The price ledger in the state folder is damaged.</exception>
    public IMarketplaceConnector Create(ShopConnection shop)
    {
        var settings = KaspiShopSettings.From(shop);
        var logger = (ILogger?)loggerFactory?.CreateLogger<KaspiConnector>() ?? NullLogger.Instance;
        return new KaspiConnector(settings, handler?.Invoke(), timeProvider ?? TimeProvider.System, logger);
    }
}
