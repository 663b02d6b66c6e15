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

    /// <summary>
    /// Read-only options with the conventions above that also refuse a field the type does not have and a field given
    /// twice (<see cref="JsonException"/>, its <see cref="JsonException.Path"/> naming the field). What people write
    /// (API requests, <c>rules test</c> fixtures) is read with these: a misspelt <c>cost</c> left at 0 would take the
    /// price floor away. A computed property the SDK's types write (a snapshot's <c>key</c>) is accepted and not read.
    /// </summary>
    public static JsonSerializerOptions Strict { get; } = CreateStrict();

    /// <summary>Whether <paramref name="exception"/> is <see cref="Strict"/> refusing a field the type does not have.</summary>
    /// <param name="exception">What reading threw.</param>
    /// <returns><see langword="true"/> for an unknown field; its <see cref="JsonException.Path"/> names it.</returns>
    public static bool IsUnknownField(JsonException exception) =>
        exception?.Message.Contains("could not be mapped", StringComparison.Ordinal) == true;

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

    private static JsonSerializerOptions CreateStrict()
    {
        var options = Create();
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static JsonSerializerOptions CreateReadOnly()
    {
        var options = Create();
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
