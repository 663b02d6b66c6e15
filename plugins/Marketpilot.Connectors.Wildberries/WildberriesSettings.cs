using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Marketpilot.Connectors.Wildberries;

/// <summary>
/// One shop's connector configuration, read from <c>Marketpilot:Shops:&lt;n&gt;:Settings</c> and <c>:Credentials</c>: one
/// base URL per WB API host (production by default, so tests and staging point each at an emulator) and the token.
/// </summary>
internal sealed record WildberriesSettings
{
    public const string TokenKey = "Token";

    public required Uri ContentBaseUrl { get; init; }
    public required Uri PricesBaseUrl { get; init; }
    public required Uri CalendarBaseUrl { get; init; }
    public required Uri AdvertBaseUrl { get; init; }
    public required Uri AnalyticsBaseUrl { get; init; }
    public required Uri StatisticsBaseUrl { get; init; }

    /// <summary>The seller token (a JWT from the seller cabinet); never logged.</summary>
    public required string Token { get; init; }

    /// <summary>How long one HTTP attempt may take before it is abandoned and retried.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an async upload's history is polled.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long promotions, campaigns and the day's returns are reused between pages.</summary>
    public TimeSpan OverviewLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The keys a shop's Settings section may carry, with their production defaults.</summary>
    public static IReadOnlyDictionary<string, string> BaseUrlDefaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ContentBaseUrl"] = "https://content-api.wildberries.ru",
        ["PricesBaseUrl"] = "https://discounts-prices-api.wildberries.ru",
        ["CalendarBaseUrl"] = "https://dp-calendar-api.wildberries.ru",
        ["AdvertBaseUrl"] = "https://advert-api.wildberries.ru",
        ["AnalyticsBaseUrl"] = "https://seller-analytics-api.wildberries.ru",
        ["StatisticsBaseUrl"] = "https://statistics-api.wildberries.ru",
    };

    /// <summary>Reads and checks the shop's configuration without calling Wildberries.</summary>
    /// <exception cref="ArgumentException">A key is missing or not valid; the message names the key, never a credential's value.</exception>
    public static WildberriesSettings From(IConfiguration settings, IConfiguration credentials)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(credentials);

        var token = credentials[TokenKey];
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new ArgumentException($"Credentials:{TokenKey} is missing: set the shop's Wildberries API token.", TokenKey);
        }

        // A header value cannot carry control characters; say so without echoing the token.
        if (token.Any(char.IsControl) || token.Any(c => c > 0x7E))
        {
            throw new ArgumentException($"Credentials:{TokenKey} contains characters an HTTP header cannot carry; paste the token again.", TokenKey);
        }

        return new WildberriesSettings
        {
            ContentBaseUrl = Url(settings, "ContentBaseUrl"),
            PricesBaseUrl = Url(settings, "PricesBaseUrl"),
            CalendarBaseUrl = Url(settings, "CalendarBaseUrl"),
            AdvertBaseUrl = Url(settings, "AdvertBaseUrl"),
            AnalyticsBaseUrl = Url(settings, "AnalyticsBaseUrl"),
            StatisticsBaseUrl = Url(settings, "StatisticsBaseUrl"),
            Token = token.Trim(),
            RequestTimeout = Milliseconds(settings, "RequestTimeoutMilliseconds", 30_000),
            PollInterval = Milliseconds(settings, "PollIntervalMilliseconds", 2_000),
            OverviewLifetime = Milliseconds(settings, "OverviewLifetimeMilliseconds", 300_000),
        };
    }

    private static Uri Url(IConfiguration settings, string key)
    {
        var text = settings[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            text = BaseUrlDefaults[key];
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"Settings:{key} is '{text}', which is not an absolute http or https URL.", key);
        }

        return url;
    }

    private static TimeSpan Milliseconds(IConfiguration settings, string key, int fallback)
    {
        var text = settings[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.FromMilliseconds(fallback);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 600_000
            ? TimeSpan.FromMilliseconds(value)
            : throw new ArgumentException($"Settings:{key} is '{text}'; it must be a whole number of milliseconds from 1 to 600000.", key);
    }
}
