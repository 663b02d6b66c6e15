using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Configuration;

namespace Marketpilot.Connectors.Ozon;

/// <summary>One shop's Ozon settings and credentials, checked once when its connector is created.</summary>
internal sealed record OzonShopOptions
{
    public const string DefaultSellerBaseUrl = "https://api-seller.ozon.ru";
    public const string DefaultPerformanceBaseUrl = "https://api-performance.ozon.ru";

    public required string ShopId { get; init; }

    public required string Currency { get; init; }

    public required TimeZoneInfo TimeZone { get; init; }

    public required Uri SellerBaseUrl { get; init; }

    public required Uri PerformanceBaseUrl { get; init; }

    public required string ClientId { get; init; }

    public required string ApiKey { get; init; }

    public string? PerformanceClientId { get; init; }

    public string? PerformanceClientSecret { get; init; }

    public bool PullMetrics { get; init; } = true;

    public required string StateDirectory { get; init; }

    /// <summary>Whether the Performance API (ad campaigns) is configured for this shop.</summary>
    public bool HasAds => PerformanceClientId is not null;

    /// <summary>Every secret value, for <see cref="Http.SecretRedactor"/>.</summary>
    public IReadOnlyList<string> Secrets => new[] { ApiKey, ClientId, PerformanceClientId, PerformanceClientSecret }.OfType<string>().ToList();

    /// <summary>Reads and checks a shop's configuration without calling Ozon.</summary>
    /// <exception cref="ArgumentException">A key is missing or not valid; the message names the key, never its value.</exception>
    public static OzonShopOptions FromShop(ShopConnection shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        var clientId = Required(shop.Credentials, "ClientId");
        if (!clientId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"Credentials:ClientId of Ozon shop '{shop.ShopId}' must be the numeric Client-Id from the seller cabinet.", nameof(shop));
        }

        var performanceId = Optional(shop.Credentials, "PerformanceClientId");
        var performanceSecret = Optional(shop.Credentials, "PerformanceClientSecret");
        if ((performanceId is null) != (performanceSecret is null))
        {
            var missing = performanceId is null ? "PerformanceClientId" : "PerformanceClientSecret";
            throw new ArgumentException($"Credentials:{missing} of Ozon shop '{shop.ShopId}' is missing: ads need both PerformanceClientId and PerformanceClientSecret (or neither).", nameof(shop));
        }

        if (string.IsNullOrWhiteSpace(shop.StateDirectory))
        {
            throw new ArgumentException($"Ozon shop '{shop.ShopId}' has no state folder.", nameof(shop));
        }

        return new OzonShopOptions
        {
            ShopId = shop.ShopId,
            Currency = shop.Currency,
            TimeZone = ReadTimeZone(shop),
            SellerBaseUrl = ReadUrl(shop, "SellerBaseUrl", DefaultSellerBaseUrl),
            PerformanceBaseUrl = ReadUrl(shop, "PerformanceBaseUrl", DefaultPerformanceBaseUrl),
            ClientId = clientId,
            ApiKey = Required(shop.Credentials, "ApiKey"),
            PerformanceClientId = performanceId,
            PerformanceClientSecret = performanceSecret,
            PullMetrics = ReadBool(shop, "PullMetrics", true),
            StateDirectory = shop.StateDirectory,
        };

        string Required(IConfiguration section, string key) =>
            Optional(section, key) ?? throw new ArgumentException($"Credentials:{key} of Ozon shop '{shop.ShopId}' is missing.", nameof(shop));
    }

    private static string? Optional(IConfiguration section, string key) =>
        section[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static Uri ReadUrl(ShopConnection shop, string key, string fallback)
    {
        var text = Optional(shop.Settings, key) ?? fallback;
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"Settings:{key} of Ozon shop '{shop.ShopId}' is not an absolute http(s) URL.", nameof(shop));
        }

        return url;
    }

    private static bool ReadBool(ShopConnection shop, string key, bool fallback) => Optional(shop.Settings, key) switch
    {
        null => fallback,
        var text when bool.TryParse(text, out var value) => value,
        _ => throw new ArgumentException($"Settings:{key} of Ozon shop '{shop.ShopId}' must be true or false.", nameof(shop)),
    };

    private static TimeZoneInfo ReadTimeZone(ShopConnection shop)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(shop.TimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"The time zone of Ozon shop '{shop.ShopId}' is not a known IANA zone.", nameof(shop), ex);
        }
    }
}
