using System.Globalization;

namespace Marketpilot.Connectors.Kaspi.Feed;

/// <summary>Kaspi's price list takes whole tenge only (marketplace-apis.md §3.4).</summary>
internal static class WholeTenge
{
    /// <summary>
    /// Rounds up to the next whole tenge: a rule that computed a floor (cost / (1 − margin)) is never undercut by the
    /// rounding, and the difference is under one tenge.
    /// </summary>
    public static decimal RoundUp(decimal price) => decimal.Ceiling(price);

    /// <summary>The price as the XML carries it: digits only, no separators, no decimals.</summary>
    public static string Format(decimal wholePrice) => wholePrice.ToString("0", CultureInfo.InvariantCulture);
}
