using System.Net;
using System.Text.Json;

namespace Marketpilot.Host.Tests.Support;

/// <summary>Reads the API's answers: a JSON body with the expected status, or the fields a validation problem names.</summary>
public static class Answers
{
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return Some.Json(body);
    }

    public static async Task<IReadOnlyList<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        return [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal)];
    }
}
