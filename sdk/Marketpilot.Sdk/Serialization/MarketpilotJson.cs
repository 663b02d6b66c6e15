using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketpilot.Sdk.Serialization;

/// <summary>The JSON conventions of Marketpilot: the HTTP API, fixtures, the action log and <c>rules test</c> output all use them.</summary>
/// <remarks>
/// Property names are camelCase and matched without regard to case when reading; enums are written as
/// camelCase strings; numbers must be JSON numbers (<c>"NaN"</c> or <c>"12"</c> in quotes is an error).
/// </remarks>
public static class MarketpilotJson
{
    /// <summary>Read-only options with the conventions above.</summary>
    public static JsonSerializerOptions Options { get; } = CreateReadOnly();

    /// <summary>Creates a new, writable copy of the options, for callers that add converters or indentation.</summary>
    /// <returns>New options.</returns>
    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.Strict,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        return options;
    }

    private static JsonSerializerOptions CreateReadOnly()
    {
        var options = Create();
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
