using System.Text.Json;

namespace Marketpilot.Host.Api;

/// <summary>
/// Reads a request body that must be one JSON object, so that a route can check each field itself and name it in its
/// errors. Malformed JSON, another kind of value or a repeated field is an error, never an exception.
/// </summary>
public sealed class JsonObjectBody
{
    private readonly Dictionary<string, JsonElement> _fields;

    private JsonObjectBody(Dictionary<string, JsonElement> fields, Dictionary<string, string[]> errors)
    {
        _fields = fields;
        Errors = errors;
    }

    /// <summary>The body's fields by name; names are matched without regard to case, as everywhere in the API.</summary>
    public IReadOnlyDictionary<string, JsonElement> Fields => _fields;

    /// <summary>What is wrong with the body as a whole (key <c>body</c>) or with a repeated field; empty when it is a JSON object.</summary>
    public Dictionary<string, string[]> Errors { get; }

    /// <summary>Reads the body; the result holds its fields, or <see cref="Errors"/> say why it cannot be read.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body.</returns>
    public static async Task<JsonObjectBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Invalid(request.ContentLength == 0 ? "is empty; send a JSON object" : $"is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Invalid($"must be a JSON object, not {Describe(document.RootElement)}");
            }

            var fields = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!fields.TryAdd(property.Name, property.Value.Clone()))
                {
                    errors[property.Name] = ["appears more than once"];
                }
            }

            return new JsonObjectBody(fields, errors);
        }
    }

    /// <summary>Reads a field that must be a JSON string; records an error naming it when it is missing or not a string.</summary>
    /// <param name="name">The field.</param>
    /// <returns>The string, or <see langword="null"/> after recording the error.</returns>
    public string? RequiredString(string name) => Required(name, JsonValueKind.String, "a JSON string")?.GetString();

    /// <summary>Reads a field that must be <c>true</c> or <c>false</c>; records an error naming it otherwise.</summary>
    /// <param name="name">The field.</param>
    /// <returns>The value, or <see langword="null"/> after recording the error.</returns>
    public bool? RequiredBoolean(string name) => Required(name, JsonValueKind.True, "true or false")?.GetBoolean();

    /// <summary>Records an error for every field not in <paramref name="known"/>.</summary>
    /// <param name="known">The fields the route reads.</param>
    public void RefuseUnknownFields(params string[] known)
    {
        foreach (var name in _fields.Keys.Where(n => !known.Contains(n, StringComparer.OrdinalIgnoreCase)))
        {
            Errors[name] = [$"is not a field of this request; send only {string.Join(", ", known)}"];
        }
    }

    private JsonElement? Required(string name, JsonValueKind kind, string expected)
    {
        if (Errors.ContainsKey("body") || Errors.ContainsKey(name))
        {
            return null;
        }

        if (!_fields.TryGetValue(name, out var value))
        {
            Errors[name] = ["is required"];
            return null;
        }

        var matches = kind == JsonValueKind.True ? value.ValueKind is JsonValueKind.True or JsonValueKind.False : value.ValueKind == kind;
        if (!matches)
        {
            Errors[name] = [$"must be {expected}; got {Describe(value)}"];
            return null;
        }

        return value;
    }

    /// <summary>Names the kind of a JSON value for an error message: <c>a string</c>, <c>a number</c>, <c>null</c>, …</summary>
    /// <param name="value">The value.</param>
    /// <returns>The description.</returns>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: <= 64 } text ? $"the string \"{text}\"" : "a long string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static JsonObjectBody Invalid(string message) =>
        new(new Dictionary<string, JsonElement>(), new Dictionary<string, string[]> { ["body"] = [message] });
}
