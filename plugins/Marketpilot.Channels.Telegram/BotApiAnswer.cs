using System.Text.Json;

namespace Marketpilot.Channels.Telegram;

/// <summary>
/// The Bot API's answer: <c>{"ok":true,"result":{…}}</c>, or <c>{"ok":false,"error_code":400,"description":"…",
/// "parameters":{"retry_after":5,"migrate_to_chat_id":-100…}}</c>.
/// </summary>
/// <param name="Ok">Whether the request succeeded.</param>
/// <param name="Description">Telegram's words for a failure, such as <c>Bad Request: chat not found</c>.</param>
/// <param name="RetryAfter">How long to wait before the next request (429).</param>
/// <param name="MigrateToChatId">The supergroup a group chat became; the message must go there.</param>
internal sealed record BotApiAnswer(bool Ok, string? Description, TimeSpan? RetryAfter, long? MigrateToChatId)
{
    /// <summary>Reads an answer; <see langword="null"/> for a body that is not one (a proxy's error page, garbage).</summary>
    public static BotApiAnswer? TryParse(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ok", out var ok) || ok.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return null;
            }

            var description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var parameters = root.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            return new BotApiAnswer(
                ok.GetBoolean(),
                description,
                Number(parameters, "retry_after") is { } seconds and >= 0 ? TimeSpan.FromSeconds(seconds) : null,
                Number(parameters, "migrate_to_chat_id"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static long? Number(JsonElement parameters, string name) =>
        parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : null;
}
