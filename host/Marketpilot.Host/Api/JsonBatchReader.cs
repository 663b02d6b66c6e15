using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketpilot.Host.Ingestion;
using Marketpilot.Sdk.Serialization;

namespace Marketpilot.Host.Api;

/// <summary>
/// Reads a JSON array of items from a request body, converting and validating each item on its own so
/// that every bad item and field is reported at once (as <c>[index].field</c>). A field the item's type does not have,
/// or one given twice, is an error too: a misspelt <c>cost</c> or <c>minPrice</c> silently left at its default would
/// take a price floor away from the guardrails.
/// </summary>
public static partial class JsonBatchReader
{
    /// <summary>The most items one request may carry.</summary>
    public const int MaxItems = 10_000;

    /// <summary>Reads and validates the body; the result holds either all items or the errors.</summary>
    public static async Task<JsonBatch<T>> ReadAsync<T>(HttpRequest request, Func<T, IReadOnlyList<FieldError>> validate, CancellationToken cancellationToken)
        where T : class
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            return JsonBatch<T>.Invalid("body", $"is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return JsonBatch<T>.Invalid("body", "must be a JSON array of items");
            }

            var count = document.RootElement.GetArrayLength();
            if (count > MaxItems)
            {
                return JsonBatch<T>.Invalid("body", $"has {count} items; at most {MaxItems} are accepted per request");
            }

            var items = new List<T>(count);
            var errors = new Dictionary<string, List<string>>();
            var index = 0;
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var item = Convert<T>(element, index, errors);
                if (item is not null)
                {
                    foreach (var error in validate(item))
                    {
                        Add(errors, Field(index, error.Field), error.Message);
                    }

                    items.Add(item);
                }

                index++;
            }

            return errors.Count == 0
                ? new JsonBatch<T>(items, null)
                : new JsonBatch<T>([], errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }

    private static T? Convert<T>(JsonElement element, int index, Dictionary<string, List<string>> errors)
        where T : class
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Add(errors, $"[{index}]", "must be a JSON object");
            return null;
        }

        // With its own fields already refused, the item is still read (leniently) so that the rest of it is checked too.
        var options = UnknownOrRepeated(element, typeof(T), index, errors) ? MarketpilotJson.Options : MarketpilotJson.Strict;
        try
        {
            var item = element.Deserialize<T>(options);
            if (item is null)
            {
                Add(errors, $"[{index}]", "must be a JSON object");
            }

            return item;
        }
        catch (JsonException ex)
        {
            var missing = MissingRequired().Match(ex.Message);
            if (missing.Success)
            {
                foreach (var name in missing.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    Add(errors, Field(index, name.Trim('\'')), "is required");
                }
            }
            else
            {
                var field = ex.Path is { Length: > 2 } path ? path[2..] : "";
                Add(errors, Field(index, field), MarketpilotJson.IsUnknownField(ex) ? "is not a field of this object"
                    : ex.Message.StartsWith("Duplicate property", StringComparison.Ordinal) ? "appears more than once"
                    : $"has the wrong type or format (expected {Expected(ex)})");
            }

            return null;
        }
    }

    /// <summary>
    /// Records every field of the item that <paramref name="type"/> does not have, and every field given twice. A
    /// computed property (a snapshot's <c>key</c> or <c>margin</c>) is a field: the SDK's types serialize it, so an item
    /// written from them must come back in; its value is not read.
    /// </summary>
    private static bool UnknownOrRepeated(JsonElement item, Type type, int index, Dictionary<string, List<string>> errors)
    {
        var fields = ItemFields.Of(type);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var found = false;
        foreach (var field in item.EnumerateObject())
        {
            var error = !fields.Names.Contains(field.Name) ? $"is not a field of this item (check its spelling); the fields are {fields.Writable}"
                : !seen.Add(field.Name) ? "appears more than once"
                : null;
            if (error is not null)
            {
                Add(errors, Field(index, field.Name), error);
                found = true;
            }
        }

        return found;
    }

    /// <summary>An item type's field names (any case) and the list of those a client sends, read once per type.</summary>
    private sealed record ItemFields(HashSet<string> Names, string Writable)
    {
        private static readonly ConcurrentDictionary<Type, ItemFields> ByType = new();

        public static ItemFields Of(Type type) => ByType.GetOrAdd(type, static t =>
        {
            var properties = MarketpilotJson.Strict.GetTypeInfo(t).Properties;
            return new(
                properties.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase),
                string.Join(", ", properties.Where(p => p.Set is not null || p.AssociatedParameter is not null).Select(p => p.Name)));
        });
    }

    private static string Expected(JsonException ex) =>
        ex.InnerException?.Message is { } inner && inner.Contains("DateOnly", StringComparison.Ordinal) ? "a date like 2026-11-23"
        : ex.Message.Contains("DateTimeOffset", StringComparison.Ordinal) ? "an ISO 8601 time like 2026-11-23T10:00:00Z"
        : ex.Message.Contains("Decimal", StringComparison.Ordinal) || ex.Message.Contains("Int", StringComparison.Ordinal) || ex.Message.Contains("Double", StringComparison.Ordinal) ? "a JSON number"
        : ex.Message.Contains("String", StringComparison.Ordinal) ? "a JSON string"
        : "a value of the documented type";

    private static string Field(int index, string field) => field.Length == 0 ? $"[{index}]" : $"[{index}].{field}";

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
        {
            errors[key] = list = [];
        }

        list.Add(message);
    }

    [GeneratedRegex("missing required properties including: (?<names>.+?)\\.?$")]
    private static partial Regex MissingRequired();
}
