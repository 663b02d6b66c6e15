using System.Globalization;

namespace Marketpilot.Connectors.Ozon;

/// <summary>Ozon's money formats: Seller API prices as decimal strings, Performance API budgets and bids in millionths of a rouble.</summary>
internal static class OzonMoney
{
    private const decimal MicroPerUnit = 1_000_000m;

    /// <summary>Whether a price has at most the two decimals Ozon takes.</summary>
    public static bool HasAtMostTwoDecimals(decimal value) => decimal.Round(value, 2) == value;

    /// <summary><c>1448.5m</c> → <c>"1448.5"</c>: dot separator, at most two decimals.</summary>
    public static string ToPriceString(decimal price) => price.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Reads a Seller API price string; <see langword="null"/> when empty or not a number.</summary>
    public static decimal? ParsePrice(string? text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary><c>25m</c> roubles → <c>"25000000"</c>.</summary>
    public static string ToMicroString(decimal roubles) =>
        decimal.Round(roubles * MicroPerUnit, 0, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);

    /// <summary><c>"25000000"</c> → <c>25m</c> roubles; 0 when empty or not a number.</summary>
    public static decimal FromMicroString(string? text) =>
        decimal.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var micro) ? micro / MicroPerUnit : 0m;
}
