using System.Globalization;
using System.Text.Json;

namespace Marketpilot.Emulators.Ozon;

/// <summary>
/// Checks a request body against the shape Ozon documents, the way the real API answers a bad one: 400
/// <c>{"code": 3, "message": "invalid request payload: …"}</c> naming the field.
/// </summary>
/// <remarks>
/// The shapes are written by hand from the spec's request schemas (for example
/// <c>productImportProductsPricesRequestPrice</c> in <c>specs/ozon/ozon-seller-api-swagger.json</c>: every price field is a
/// <c>string</c>) instead of loading the 2.4 MB spec: the spec marks almost nothing <c>required</c> and types ids as numbers
/// where the live API takes strings, so a generic validator would accept what Ozon refuses and refuse what it accepts.
/// </remarks>
internal static class JsonShape
{
    public static JsonElement Object(JsonElement parent, string name, string path, bool required = true) =>
        Get(parent, name, path, JsonValueKind.Object, required);

    public static string? String(JsonElement parent, string name, string path, bool required = true) =>
        Get(parent, name, path, JsonValueKind.String, required) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    public static long? Integer(JsonElement parent, string name, string path, bool required = true)
    {
        var element = Get(parent, name, path, JsonValueKind.Number, required);
        if (element.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        return element.TryGetInt64(out var value) ? value : throw Invalid($"{path}{name}: expected an integer");
    }

    public static decimal? Number(JsonElement parent, string name, string path, bool required = true) =>
        Get(parent, name, path, JsonValueKind.Number, required) is { ValueKind: JsonValueKind.Number } e ? e.GetDecimal() : null;

    public static List<JsonElement> Array(JsonElement parent, string name, string path, int maxItems, bool required = true)
    {
        var element = Get(parent, name, path, JsonValueKind.Array, required);
        if (element.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var items = element.EnumerateArray().ToList();
        return items.Count > maxItems ? throw Invalid($"{path}{name}: at most {maxItems} items, got {items.Count}") : items;
    }

    public static List<string> StringArray(JsonElement parent, string name, string path, int maxItems, bool required = true) =>
        [.. Array(parent, name, path, maxItems, required).Select((e, i) => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Invalid($"{path}{name}[{i}]: expected a string"))];

    /// <summary>A decimal price written as a string with a dot and at most two decimals, as Ozon takes it.</summary>
    public static decimal PriceString(JsonElement parent, string name, string path)
    {
        var text = String(parent, name, path)!;
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && decimal.Round(value, 2) == value
            ? value
            : throw Invalid($"{path}{name}: '{text}' is not a price (digits, a dot, at most two decimals)");
    }

    public static ShapeException Invalid(string message) => new($"invalid request payload: {message}");

    private static JsonElement Get(JsonElement parent, string name, string path, JsonValueKind kind, bool required)
    {
        if (parent.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"{path.TrimEnd('.')}: expected an object");
        }

        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw Invalid($"{path}{name}: required") : default;
        }

        return value.ValueKind == kind ? value : throw Invalid($"{path}{name}: expected {kind.ToString().ToLowerInvariant()}, got {value.ValueKind.ToString().ToLowerInvariant()}");
    }
}

/// <summary>A request that does not have the documented shape; answered 400.</summary>
internal sealed class ShapeException(string message) : Exception(message);
