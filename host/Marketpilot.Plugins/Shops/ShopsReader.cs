using System.Globalization;
using Marketpilot.Sdk.Catalog;
using Microsoft.Extensions.Configuration;

namespace Marketpilot.Plugins.Shops;

/// <summary>Reads and checks the entries of <c>Marketpilot:Shops</c>; every problem names the key path it is about.</summary>
internal static class ShopsReader
{
    private const int MaxShopIdLength = 64;
    private const int MinPollIntervalMilliseconds = 10;
    private const int MaxPollIntervalMilliseconds = 3_600_000;


    public static IReadOnlyList<ShopDefinition> Read(IConfigurationSection section, List<string> problems)
    {
        var shops = new List<ShopDefinition>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in section.GetChildren())
        {
            var before = problems.Count;
            var shop = ReadOne(entry, problems);
            if (shop is null || problems.Count > before)
            {
                continue;
            }

            if (seen.TryGetValue(shop.Key, out var first))
            {
                problems.Add($"{entry.Path}: the shop {shop.Key} is already configured at {first}.");
                continue;
            }

            seen[shop.Key] = entry.Path;
            shops.Add(shop);
        }

        return shops;
    }

    private static ShopDefinition? ReadOne(IConfigurationSection entry, List<string> problems)
    {
        var marketplace = entry[nameof(ShopDefinition.Marketplace)]?.Trim();
        var shopId = entry[nameof(ShopDefinition.ShopId)]?.Trim();
        if (string.IsNullOrEmpty(marketplace))
        {
            problems.Add($"{entry.Path}:Marketplace is required.");
        }
        else if (!Marketplaces.IsWellFormed(marketplace))
        {
            problems.Add($"{entry.Path}:Marketplace '{marketplace}' is not a marketplace id (lower-case letters, digits and '-', starting with a letter).");
        }

        if (string.IsNullOrEmpty(shopId))
        {
            problems.Add($"{entry.Path}:ShopId is required.");
        }
        else if (!IsFolderSafe(shopId))
        {
            problems.Add($"{entry.Path}:ShopId '{shopId}' must be 1 to {MaxShopIdLength} letters, digits, '.', '_' or '-', not starting with '.'.");
        }

        var connector = entry[nameof(ShopDefinition.Connector)]?.Trim();
        if (connector is { Length: > 0 } && !PluginManifest.IsValidId(connector))
        {
            problems.Add($"{entry.Path}:Connector '{connector}' is not a plugin id.");
        }

        var currency = Currency(entry, marketplace, problems);
        var timeZone = TimeZone(entry, problems);
        var (syncEnabled, pollInterval) = Sync(entry.GetSection("Sync"), problems);
        if (marketplace is null || shopId is null || currency is null || timeZone is null)
        {
            return null;
        }

        return new ShopDefinition
        {
            Path = entry.Path,
            Marketplace = marketplace,
            ShopId = shopId,
            Connector = string.IsNullOrEmpty(connector) ? null : connector,
            Currency = currency,
            TimeZone = timeZone,
            Settings = entry.GetSection("Settings"),
            Credentials = entry.GetSection("Credentials"),
            Guardrails = entry.GetSection("Guardrails"),
            SyncEnabled = syncEnabled,
            PollIntervalMilliseconds = pollInterval,
        };
    }

    private static string? Currency(IConfigurationSection entry, string? marketplace, List<string> problems)
    {
        var currency = entry[nameof(ShopDefinition.Currency)]?.Trim();
        if (string.IsNullOrEmpty(currency))
        {
            if (marketplace is not null && ShopCurrencies.DefaultFor(marketplace) is { } byDefault)
            {
                return byDefault;
            }

            problems.Add($"{entry.Path}:Currency is required for marketplace '{marketplace}' (an ISO 4217 code such as RUB or KZT).");
            return null;
        }

        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            problems.Add($"{entry.Path}:Currency '{currency}' is not an ISO 4217 code (three upper-case letters such as RUB or KZT).");
            return null;
        }

        return currency;
    }

    private static string? TimeZone(IConfigurationSection entry, List<string> problems)
    {
        var id = entry[nameof(ShopDefinition.TimeZone)]?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            return "UTC";
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) || !zone.HasIanaId)
        {
            problems.Add($"{entry.Path}:TimeZone '{id}' is not a known IANA time zone (for example Europe/Moscow or Asia/Almaty).");
            return null;
        }

        return id;
    }

    private static (bool Enabled, int? PollInterval) Sync(IConfigurationSection sync, List<string> problems)
    {
        var enabled = true;
        if (sync["Enabled"] is { } rawEnabled && !bool.TryParse(rawEnabled, out enabled))
        {
            problems.Add($"{sync.Path}:Enabled '{rawEnabled}' is not true or false.");
        }

        int? interval = null;
        if (sync["PollIntervalMilliseconds"] is { } rawInterval)
        {
            if (int.TryParse(rawInterval, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                && value is >= MinPollIntervalMilliseconds and <= MaxPollIntervalMilliseconds)
            {
                interval = value;
            }
            else
            {
                problems.Add($"{sync.Path}:PollIntervalMilliseconds '{rawInterval}' must be a whole number from {MinPollIntervalMilliseconds} to {MaxPollIntervalMilliseconds}.");
            }
        }

        return (enabled, interval);
    }

    // The shop id names its state folder (<plugin folder>/<marketplace>-<shopId>), so it must be one plain path segment.
    private static bool IsFolderSafe(string shopId) =>
        shopId.Length <= MaxShopIdLength && shopId[0] != '.' && shopId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
