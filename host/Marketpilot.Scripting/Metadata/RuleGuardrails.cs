using System.Globalization;

namespace Marketpilot.Scripting.Metadata;

/// <summary>
/// The guardrails a rule declares for its own actions in its header, for example
/// <c>// @guardrails: minMargin=0.15, maxPriceChangePerAction=0.05</c>. Each is optional; the host applies the
/// stricter of the rule's value and the shop's, so a header can only tighten what the shop allows.
/// </summary>
/// <param name="MinMargin">The lowest margin a price or coupon may leave, as a fraction (0.12 is 12%).</param>
/// <param name="MaxPriceChangePerAction">The largest change one price action may make, as a fraction of the current price.</param>
/// <param name="MaxPriceChangePerDay">The largest change of a SKU's price within a day, as a fraction of the day's first price.</param>
/// <param name="MaxCouponDiscount">The largest coupon discount, as a fraction.</param>
/// <param name="MaxCouponsPerSkuPerDay">How many coupons one SKU may get in a day.</param>
/// <param name="MaxActionsPerRulePerDay">How many actions the rule may have approved in a shop in a day.</param>
public sealed record RuleGuardrails(
    decimal? MinMargin = null,
    decimal? MaxPriceChangePerAction = null,
    decimal? MaxPriceChangePerDay = null,
    decimal? MaxCouponDiscount = null,
    int? MaxCouponsPerSkuPerDay = null,
    int? MaxActionsPerRulePerDay = null)
{
    /// <summary>The names of the guardrails, as in JSON and in rule headers.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["minMargin", "maxPriceChangePerAction", "maxPriceChangePerDay", "maxCouponDiscount", "maxCouponsPerSkuPerDay", "maxActionsPerRulePerDay"];

    /// <summary>A rule that tightens nothing.</summary>
    public static RuleGuardrails None { get; } = new();

    /// <summary>Parses the value of a <c>@guardrails</c> header: <c>name=value</c> pairs separated by commas.</summary>
    /// <param name="value">The header value.</param>
    /// <returns>The rule's guardrails.</returns>
    /// <exception cref="FormatException">A pair is malformed, a name unknown or given twice, or a value out of range.</exception>
    public static RuleGuardrails Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var result = None;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals].Trim();
            var text = equals < 0 ? "" : part[(equals + 1)..].Trim();
            var known = Names.FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? throw new FormatException($"'{name}' is not a guardrail; use {string.Join(", ", Names)} as name=value");
            if (!seen.Add(known))
            {
                throw new FormatException($"guardrail '{known}' is given twice");
            }

            result = known switch
            {
                "minMargin" => result with { MinMargin = Fraction(known, text) },
                "maxPriceChangePerAction" => result with { MaxPriceChangePerAction = Fraction(known, text) },
                "maxPriceChangePerDay" => result with { MaxPriceChangePerDay = Fraction(known, text) },
                "maxCouponDiscount" => result with { MaxCouponDiscount = Fraction(known, text) },
                "maxCouponsPerSkuPerDay" => result with { MaxCouponsPerSkuPerDay = Count(known, text) },
                _ => result with { MaxActionsPerRulePerDay = Count(known, text) },
            };
        }

        return result == None ? throw new FormatException("it names no guardrail") : result;
    }

    private static decimal Fraction(string name, string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value < 1
            ? value
            : throw new FormatException($"{name} must be a fraction from 0 to below 1, like 0.12 for 12%; got '{text}'");

    private static int Count(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{name} must be a whole number, 0 or more; got '{text}'");
}
