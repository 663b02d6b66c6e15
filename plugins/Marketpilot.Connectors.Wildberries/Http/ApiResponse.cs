using System.Net;
using System.Text.Json;

namespace Marketpilot.Connectors.Wildberries.Http;

/// <summary>A Wildberries answer that was neither an auth failure nor a transient one: 2xx, or a 4xx the caller interprets.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The body as text (already redacted of the token).</param>
/// <param name="Endpoint">The method and path, for messages.</param>
internal sealed record ApiResponse(HttpStatusCode Status, string Body, string Endpoint)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>Reads the body as <typeparamref name="T"/>.</summary>
    /// <exception cref="WildberriesApiException">The body is not the JSON the endpoint documents.</exception>
    public T Read<T>()
    {
        try
        {
            return JsonSerializer.Deserialize<T>(Body, WildberriesJson.Options)
                ?? throw new JsonException("the body is null");
        }
        catch (JsonException ex)
        {
            throw new WildberriesApiException($"Wildberries answered {Endpoint} with a body that is not the documented JSON ({ex.Message}); nothing was read from it.", ex);
        }
    }

    /// <summary>The error text of a WB error body (<c>errorText</c>, <c>detail</c>, <c>error</c>, <c>message</c>, or a bare JSON string).</summary>
    public string ErrorText()
    {
        try
        {
            using var document = JsonDocument.Parse(Body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.String)
            {
                return root.GetString() ?? "";
            }

            if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in new[] { "errorText", "detail", "error", "message", "title" })
                {
                    if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
                    {
                        return value.GetString()!;
                    }
                }
            }
        }
        catch (JsonException)
        {
        }

        return Body.Length > 200 ? Body[..200] : Body;
    }
}
