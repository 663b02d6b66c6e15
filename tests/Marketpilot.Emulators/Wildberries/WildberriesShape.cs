using System.Text.Json;
using System.Text.Json.Nodes;

namespace Marketpilot.Emulators.Wildberries;

/// <summary>
/// Checks a request body against the shape WB's spec documents for it. Hand-written from specs/wildberries/*.yaml (the
/// schemas of the few methods the connector uses) rather than loaded from the YAML: the emulator needs no YAML parser, and
/// each check names the field the way WB's own 400 does. Each method returns <see langword="null"/> when the value fits,
/// else the error text.
/// </summary>
internal static class WildberriesShape
{
    public static JsonNode? Parse(string body, out string? error)
    {
        try
        {
            error = null;
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            error = "Request body can not be decoded";
            return null;
        }
    }

    /// <summary>A JSON integer (a number without a fraction, not a string), within the bounds.</summary>
    public static string? Integer(JsonNode? node, string path, long min = long.MinValue, long max = long.MaxValue, bool required = true)
    {
        if (node is null)
        {
            return required ? $"{path} is required" : null;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return $"{path} must be an integer, not {Kind(node)}";
        }

        if (!value.TryGetValue<long>(out var number))
        {
            return $"{path} should be a whole number";
        }

        return number < min || number > max ? $"{path} must be from {min} to {max}" : null;
    }

    public static string? Boolean(JsonNode? node, string path, bool required = true) =>
        node is null ? (required ? $"{path} is required" : null)
        : node.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null
        : $"{path} must be a boolean, not {Kind(node)}";

    public static string? Text(JsonNode? node, string path, bool required = true) =>
        node is null ? (required ? $"{path} is required" : null)
        : node.GetValueKind() == JsonValueKind.String ? null
        : $"{path} must be a string, not {Kind(node)}";

    public static string? Date(JsonNode? node, string path) =>
        Text(node, path) ?? (DateOnly.TryParseExact(node!.GetValue<string>(), "yyyy-MM-dd", out _) ? null : $"{path} must be a date (yyyy-MM-dd)");

    public static string? Array(JsonNode? node, string path, int min, int max, bool required = true) =>
        node is null ? (required ? $"{path} is required" : null)
        : node is not JsonArray array ? $"{path} must be an array, not {Kind(node)}"
        : array.Count < min || array.Count > max ? $"{path} must hold from {min} to {max} items" : null;

    public static string? Object(JsonNode? node, string path, bool required = true) =>
        node is null ? (required ? $"{path} is required" : null)
        : node is JsonObject ? null : $"{path} must be an object, not {Kind(node)}";

    /// <summary>Every item of an integer array.</summary>
    public static string? Integers(JsonNode? node, string path, int min, int max, bool required = true) =>
        Array(node, path, min, max, required) ?? (node as JsonArray)?.Select((item, i) => Integer(item, $"{path}[{i}]", 1)).FirstOrDefault(e => e is not null);

    public static string? First(params string?[] errors) => errors.FirstOrDefault(e => e is not null);

    private static string Kind(JsonNode node) => node.GetValueKind().ToString().ToLowerInvariant();
}
