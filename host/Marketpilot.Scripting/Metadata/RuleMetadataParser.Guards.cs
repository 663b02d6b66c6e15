using System.Globalization;
using System.Text.RegularExpressions;

namespace Marketpilot.Scripting.Metadata;

// The keys that pick the SKUs a rule runs on: @scope, @guards, @min-data and @max-firings-per-day.
internal static partial class RuleMetadataParser
{
    /// <summary>The most firings a day <c>@max-firings-per-day</c> accepts; each one is counted in grain storage.</summary>
    public const int MaxFiringsPerDayLimit = 100_000;

    private static readonly string[] ScopeParts = ["marketplace", "shop", "sku", "category", "tag", "price"];

    // "none" clears a list or a duration: an API override can take away what the header sets.
    private static bool IsNone(string value) => value.Equals("none", StringComparison.OrdinalIgnoreCase);

    private static RuleMetadata WithGuards(RuleMetadata metadata, string value)
    {
        if (IsNone(value))
        {
            return metadata with { Guards = [], NewItemDays = RuleMetadata.DefaultNewItemDays };
        }

        var guards = new List<RuleGuard>();
        var newItemDays = RuleMetadata.DefaultNewItemDays;
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = (equals < 0 ? part : part[..equals].TrimEnd()).ToLowerInvariant();
            var guard = name switch
            {
                "not-new-item" => RuleGuard.NotNewItem,
                "in-stock" => RuleGuard.InStock,
                "has-cost" => RuleGuard.HasCost,
                _ => throw new FormatException($"'{part}' is not a guard; use not-new-item (or not-new-item=14d), in-stock or has-cost"),
            };
            if (equals >= 0)
            {
                newItemDays = guard == RuleGuard.NotNewItem
                    ? Days(part[(equals + 1)..].Trim())
                    : throw new FormatException($"guard '{name}' takes no value; only not-new-item does, as not-new-item=14d");
            }

            if (!guards.Contains(guard))
            {
                guards.Add(guard);
            }
        }

        return guards.Count == 0 ? throw new FormatException("it is empty") : metadata with { Guards = guards, NewItemDays = newItemDays };
    }

    private static int Days(string value) =>
        DaysPattern().Match(value) is { Success: true } match
        && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is > 0 and <= 3650
            ? days
            : throw new FormatException($"'{value}' is not an age in days; write for example not-new-item=14d (1 to 3650 days)");

    private static int FiringsPerDay(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is > 0 and <= MaxFiringsPerDayLimit
            ? count
            : throw new FormatException($"'{value}' is not a number of firings; write a whole number from 1 to {MaxFiringsPerDayLimit}");

    private static RuleScope Scope(string value)
    {
        if (value.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return RuleScope.All;
        }

        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals].Trim().ToLowerInvariant();
            if (equals < 0 || !ScopeParts.Contains(name, StringComparer.Ordinal))
            {
                throw new FormatException($"'{part}' is not a scope part; write 'all' or parts such as 'marketplace=ozon,wildberries; shop=demo; sku=KET-*; category=Kettles,Irons; tag=summer; price=100..5000' separated by ';'");
            }

            var text = part[(equals + 1)..].Trim();
            if (text.Length == 0 || !parts.TryAdd(name, text))
            {
                throw new FormatException($"scope part '{name}' is empty or given twice");
            }
        }

        if (parts.Count == 0)
        {
            throw new FormatException("it is empty; write 'all' or parts such as 'category=Kettles; price=..5000'");
        }

        string[] ListOf(string name) =>
            parts.TryGetValue(name, out var list) ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
        var (min, max) = parts.TryGetValue("price", out var band) ? PriceBand(band) : (null, null);
        return new RuleScope(ListOf("marketplace"), ListOf("shop"), ListOf("sku"))
        {
            Categories = ListOf("category"),
            Tags = ListOf("tag"),
            MinPrice = min,
            MaxPrice = max,
        };
    }

    private static (decimal? Min, decimal? Max) PriceBand(string band)
    {
        var dots = band.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            throw new FormatException($"price '{band}' is not a band; write low..high, low.. or ..high, such as price=100..5000");
        }

        var (min, max) = (Price(band[..dots].Trim()), Price(band[(dots + 2)..].Trim()));
        return (min, max) switch
        {
            (null, null) => throw new FormatException("price '..' names no bound; write low..high, low.. or ..high"),
            ({ } low, { } high) when low > high => throw new FormatException($"price band {band} is empty: {low} is above {high}"),
            _ => (min, max),
        };

        decimal? Price(string text) =>
            text.Length == 0 ? null
            : decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) ? price
            : throw new FormatException($"'{text}' in price band '{band}' is not a price, 0 or more, such as 99.90");
    }

    [GeneratedRegex(@"^(\d{1,4})d$", RegexOptions.CultureInvariant)]
    private static partial Regex DaysPattern();
}
