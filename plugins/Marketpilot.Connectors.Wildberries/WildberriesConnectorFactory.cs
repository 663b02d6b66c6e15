using Marketpilot.Connectors.Shared;
using Marketpilot.Connectors.Wildberries.Http;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketpilot.Connectors.Wildberries;

/// <summary>Creates one <see cref="WildberriesConnector"/> per configured Wildberries shop.</summary>
/// <remarks>
/// Settings: <c>ContentBaseUrl</c>, <c>PricesBaseUrl</c>, <c>CalendarBaseUrl</c>, <c>AdvertBaseUrl</c>, <c>AnalyticsBaseUrl</c>,
/// <c>StatisticsBaseUrl</c> (production hosts by default), <c>RequestTimeoutMilliseconds</c>, <c>PollIntervalMilliseconds</c>,
/// <c>OverviewLifetimeMilliseconds</c>. Credentials: <c>Token</c>. See the plugin's <c>plugin.json</c>.
/// </remarks>
public sealed class WildberriesConnectorFactory : IMarketplaceConnectorFactory
{
    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time;
    private readonly double _rateLimitTimeScale;
    private readonly HttpMessageHandler? _handler;

    /// <summary>Creates the factory.</summary>
    /// <param name="loggers">Where connectors log; never given a secret.</param>
    /// <param name="time">The clock for retries, polling and the shop's day.</param>
    public WildberriesConnectorFactory(ILoggerFactory? loggers = null, TimeProvider? time = null)
        : this(loggers, time, rateLimitTimeScale: 1, handler: null)
    {
    }

    /// <param name="loggers">Where connectors log.</param>
    /// <param name="time">The clock.</param>
    /// <param name="rateLimitTimeScale">Multiplies the token buckets' intervals; tests use a small one so they do not run at WB's pace.</param>
    /// <param name="handler">The HTTP handler, for tests; a fresh <see cref="SocketsHttpHandler"/> per shop otherwise.</param>
    internal WildberriesConnectorFactory(ILoggerFactory? loggers, TimeProvider? time, double rateLimitTimeScale, HttpMessageHandler? handler)
    {
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _time = time ?? TimeProvider.System;
        _rateLimitTimeScale = rateLimitTimeScale;
        _handler = handler;
    }

    /// <inheritdoc />
    public string Marketplace => Marketplaces.Wildberries;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A setting or the token is missing or not valid; the message names the key, never the token.</exception>
    public IMarketplaceConnector Create(ShopConnection shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        if (shop.Marketplace != Marketplaces.Wildberries)
        {
            throw new ArgumentException($"Shop {shop} is on '{shop.Marketplace}', not {Marketplaces.Wildberries}.", nameof(shop));
        }

        var settings = WildberriesSettings.From(shop.Settings, shop.Credentials);
        if (string.IsNullOrWhiteSpace(shop.StateDirectory))
        {
            throw new ArgumentException($"Shop {shop} has no state folder; the connector keeps its ledger of applied actions there.", nameof(shop));
        }

        var http = MarketplaceHttp.CreateClient(_handler, WildberriesApi.MaxResponseBytes);
        return new WildberriesConnector(shop, settings, http, new WildberriesRateLimits(_rateLimitTimeScale), _time, _loggers.CreateLogger<WildberriesConnector>());
    }
}
