using System.Text.Json;

namespace Marketpilot.Connectors.Wildberries;

/// <summary>JSON as WB speaks it: camelCase names (snake_case ones are named on the wire types), numbers read into decimals.</summary>
internal static class WildberriesJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
