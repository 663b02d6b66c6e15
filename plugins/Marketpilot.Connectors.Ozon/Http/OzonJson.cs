using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketpilot.Connectors.Ozon.Http;

/// <summary>The JSON conventions of Ozon's two APIs.</summary>
internal static class OzonJson
{
    /// <summary>Seller API: snake_case names.</summary>
    public static JsonSerializerOptions Seller { get; } = Create(JsonNamingPolicy.SnakeCaseLower);

    /// <summary>Performance API: camelCase names.</summary>
    public static JsonSerializerOptions Performance { get; } = Create(JsonNamingPolicy.CamelCase);

    private static JsonSerializerOptions Create(JsonNamingPolicy naming)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = naming,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Ozon types some ids and counts as numbers in one method and strings in another; read both, write as declared.
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
