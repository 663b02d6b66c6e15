using System.Text.Json;
using Marketpilot.Actions.Guardrails;

namespace Marketpilot.Host.Api;

/// <summary>
/// Applies the fields of a <c>PUT .../guardrails</c> body to a shop's current guardrails: a field that is absent keeps
/// its value; an unknown field, a value of the wrong type or a value out of range is an error naming the field.
/// </summary>
public static class GuardrailPatch
{
    /// <summary>The JSON names of the guardrails a shop may set, in the order they are documented.</summary>
    public static IReadOnlyList<string> FieldNames { get; } =
        ["minMargin", "maxPriceChangePerAction", "maxPriceChangePerDay", "maxCouponDiscount", "maxCouponsPerSkuPerDay", "maxActionsPerRulePerDay"];

    /// <summary>Applies <paramref name="body"/> to <paramref name="current"/>.</summary>
    /// <param name="current">The shop's guardrails now.</param>
    /// <param name="body">The request body.</param>
    /// <returns>The new guardrails, or the errors by field name (never both).</returns>
    public static (GuardrailSettings? Settings, Dictionary<string, string[]> Errors) Apply(GuardrailSettings current, JsonObjectBody body)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(body);

        var errors = new Dictionary<string, string[]>(body.Errors, StringComparer.Ordinal);
        var settings = current;
        foreach (var (sent, value) in body.Fields)
        {
            var name = FieldNames.FirstOrDefault(f => string.Equals(f, sent, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                errors[sent] = [$"is not a guardrail; the fields are {string.Join(", ", FieldNames)}"];
                continue;
            }

            if (errors.ContainsKey(name))
            {
                continue;
            }

            string? error;
            (settings, error) = name switch
            {
                "minMargin" => Fraction(value, out var d) is { } e ? (settings, e) : (settings with { MinMargin = d }, null),
                "maxPriceChangePerAction" => Fraction(value, out var d) is { } e ? (settings, e) : (settings with { MaxPriceChangePerAction = d }, null),
                "maxPriceChangePerDay" => Fraction(value, out var d) is { } e ? (settings, e) : (settings with { MaxPriceChangePerDay = d }, null),
                "maxCouponDiscount" => Fraction(value, out var d) is { } e ? (settings, e) : (settings with { MaxCouponDiscount = d }, null),
                "maxCouponsPerSkuPerDay" => Count(value, out var n) is { } e ? (settings, e) : (settings with { MaxCouponsPerSkuPerDay = n }, null),
                _ => Count(value, out var n) is { } e ? (settings, e) : (settings with { MaxActionsPerRulePerDay = n }, null),
            };
            if (error is not null)
            {
                errors[name] = [error];
            }
        }

        // Ranges are checked even when another field is wrong, so one answer lists every bad field.
        foreach (var (field, message) in settings.Validate())
        {
            errors.TryAdd(field, [message]);
        }

        return errors.Count == 0 ? (settings, errors) : (null, errors);
    }

    private static string? Fraction(JsonElement value, out decimal result)
    {
        result = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out result)
            ? null
            : $"must be a JSON number (a fraction: 0.12 is 12%); got {JsonObjectBody.Describe(value)}";
    }

    private static string? Count(JsonElement value, out int result)
    {
        result = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out result)
            ? null
            : $"must be a whole JSON number up to {int.MaxValue}; got {JsonObjectBody.Describe(value)}";
    }
}
