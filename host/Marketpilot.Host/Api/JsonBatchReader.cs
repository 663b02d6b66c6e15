using System.Text.Json;
using System.Text.RegularExpressions;
using Marketpilot.Host.Ingestion;
using Marketpilot.Sdk.Serialization;

namespace Marketpilot.Host.Api;

/// <summary>
/// Reads a JSON array of items from a request body, converting and validating each item on its own so
/// that every bad item and field is reported at once (as <c>[index].field</c>).
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

        try
        {
            var item = element.Deserialize<T>(MarketpilotJson.Options);
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
                Add(errors, Field(index, field), $"has the wrong type or format (expected {Expected(ex)})");
            }

            return null;
        }
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
