using System.Globalization;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Configuration;

namespace Marketpilot.Connectors.Kaspi;

/// <summary>One Kaspi shop's settings and credentials, read and checked from its <see cref="ShopConnection"/>.</summary>
internal sealed record KaspiShopSettings
{
    public const string DefaultBaseUrl = "https://kaspi.kz/shop/api";

    public required string ShopId { get; init; }

    public required Uri BaseUrl { get; init; }

    public required string MerchantId { get; init; }

    public required string CompanyName { get; init; }

    /// <summary>Pickup point codes (<c>storeId</c>); the SKU's stock is counted at the first.</summary>
    public required IReadOnlyList<string> StoreIds { get; init; }

    /// <summary>Kaspi city codes; empty for one <c>&lt;price&gt;</c> per offer.</summary>
    public required IReadOnlyList<string> CityIds { get; init; }

    public required TimeZoneInfo TimeZone { get; init; }

    public int BackfillDays { get; init; } = 14;

    public int RefreshDays { get; init; } = 14;

    public int RequestsPerSecond { get; init; } = 4;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public required string StateDirectory { get; init; }

    /// <summary>The X-Auth-Token. Never logged, never in a message.</summary>
    public required string Token { get; init; }

    /// <inheritdoc />
    /// <remarks>Never prints <see cref="Token"/>.</remarks>
    public override string ToString() => $"kaspi/{ShopId}";

    /// <summary>Reads and checks the shop's configuration without calling Kaspi.</summary>
    /// <exception cref="ArgumentException">A key is missing or not valid; the message names the key, never its value.</exception>
    public static KaspiShopSettings From(ShopConnection shop)
    {
        ArgumentNullException.ThrowIfNull(shop);
        Require(shop.Marketplace == Marketplaces.Kaspi, "Marketplace", $"must be '{Marketplaces.Kaspi}' for the Kaspi connector");
        Require(!string.IsNullOrWhiteSpace(shop.ShopId), "ShopId", "is missing");
        Require(string.Equals(shop.Currency, "KZT", StringComparison.Ordinal), "Currency", "must be KZT: Kaspi.kz sells in tenge only");
        Require(!string.IsNullOrWhiteSpace(shop.StateDirectory), "StateDirectory", "is missing");

        var settings = shop.Settings ?? throw new ArgumentException("The Kaspi shop has no Settings section.", nameof(shop));
        var credentials = shop.Credentials ?? throw new ArgumentException("The Kaspi shop has no Credentials section.", nameof(shop));

        var baseUrlText = settings["BaseUrl"] is { Length: > 0 } configured ? configured : DefaultBaseUrl;
        Require(Uri.TryCreate(baseUrlText, UriKind.Absolute, out var baseUrl) && baseUrl.Scheme is "http" or "https", "Settings:BaseUrl", "is not an absolute http(s) URL");

        var merchantId = settings["MerchantId"]?.Trim();
        Require(!string.IsNullOrEmpty(merchantId), "Settings:MerchantId", "is missing");
        Require(merchantId!.All(char.IsAsciiLetterOrDigit), "Settings:MerchantId", "must be letters and digits (the merchant id from the Kaspi cabinet)");

        var company = settings["CompanyName"]?.Trim();
        Require(!string.IsNullOrEmpty(company), "Settings:CompanyName", "is missing");

        var storeIds = List(settings["StoreIds"]);
        Require(storeIds.Count > 0, "Settings:StoreIds", "is missing: list the pickup point codes (for example PP1) the offers are available at");
        Require(storeIds.All(IsCode), "Settings:StoreIds", "holds a code that is not letters, digits, '_' or '-'");
        Require(storeIds.Distinct(StringComparer.Ordinal).Count() == storeIds.Count, "Settings:StoreIds", "lists a pickup point twice");

        var cityIds = List(settings["CityIds"]);
        Require(cityIds.All(c => c.Length == 9 && c.All(char.IsAsciiDigit)), "Settings:CityIds", "holds a code that is not a 9-digit Kaspi city code (for example 750000000)");
        Require(cityIds.Distinct(StringComparer.Ordinal).Count() == cityIds.Count, "Settings:CityIds", "lists a city twice");

        var token = credentials["Token"];
        Require(!string.IsNullOrWhiteSpace(token), "Credentials:Token", "is missing");
        // HttpClient would throw with a message of its own; say which key is wrong instead.
        Require(token!.All(c => c is > ' ' and < '\u007f'), "Credentials:Token", "holds characters an HTTP header cannot carry");

        TimeZoneInfo timeZone;
        try
        {
            timeZone = TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(shop.TimeZone) ? "UTC" : shop.TimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException("The Kaspi shop's TimeZone is not a known IANA time zone.", nameof(shop), ex);
        }

        return new KaspiShopSettings
        {
            ShopId = shop.ShopId,
            BaseUrl = baseUrl!,
            MerchantId = merchantId!,
            CompanyName = company!,
            StoreIds = storeIds,
            CityIds = cityIds,
            TimeZone = timeZone,
            BackfillDays = Int(settings, "BackfillDays", 14, 1, 90),
            RefreshDays = Int(settings, "RefreshDays", 14, 1, 14),
            RequestsPerSecond = Int(settings, "RequestsPerSecond", 4, 1, 20),
            RequestTimeout = TimeSpan.FromSeconds(Int(settings, "RequestTimeoutSeconds", 30, 1, 300)),
            StateDirectory = shop.StateDirectory,
            Token = token!,
        };
    }

    private static List<string> List(string? value) =>
        [.. (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static bool IsCode(string code) => code.Length <= 64 && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static int Int(IConfiguration settings, string key, int fallback, int min, int max)
    {
        var text = settings[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        Require(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max,
            $"Settings:{key}", $"must be a whole number from {min} to {max}");
        return value;
    }

    private static void Require(bool condition, string key, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"The Kaspi shop's {key} {problem}.", key);
        }
    }
}
