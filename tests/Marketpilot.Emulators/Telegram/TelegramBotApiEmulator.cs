using System.Collections.Concurrent;
using System.Text.Json;
using Marketpilot.Emulators.Channels;
using Marketpilot.Emulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Marketpilot.Emulators.Telegram;

/// <summary>
/// The Telegram Bot API's <c>sendMessage</c> on loopback: <c>POST /bot&lt;token&gt;/sendMessage</c> with a JSON body,
/// answered the way Telegram answers (<c>{"ok":true,"result":…}</c> or <c>{"ok":false,"error_code":…,"description":…}</c>).
/// </summary>
/// <remarks>
/// It checks what Telegram checks: the token (401), the chat (400 "chat not found", 403 when the user blocked the bot, 400
/// with <c>migrate_to_chat_id</c> for a group that became a supergroup), the text (empty, over 4096 characters once
/// parsed) and the MarkdownV2 markup (<see cref="MarkdownV2Parser"/>: an unescaped reserved character is a 400 "can't
/// parse entities"). Besides <see cref="LoopbackEmulator.Faults"/>, a test can queue Telegram-shaped answers for the next
/// requests: a 429 with <c>parameters.retry_after</c>, a 502.
/// </remarks>
/// <param name="botToken">The only token the emulator accepts.</param>
public sealed class TelegramBotApiEmulator(string botToken) : MessageGatewayEmulator<TelegramSentMessage>
{
    /// <summary>The most characters a message may have once parsed.</summary>
    public const int MaxTextLength = 4096;

    private readonly ConcurrentDictionary<string, ChatState> _chats = new(StringComparer.Ordinal);

    private enum ChatState
    {
        Open,
        Blocked,
    }

    /// <summary>The token the emulator accepts.</summary>
    public string BotToken => botToken;

    /// <summary>Groups that became supergroups: a message to the key is refused with the value as <c>migrate_to_chat_id</c>.</summary>
    public ConcurrentDictionary<string, long> MigratedChats { get; } = new(StringComparer.Ordinal);

    /// <summary>Makes a chat the bot may write to: a numeric id or a channel's <c>@username</c>.</summary>
    /// <param name="chatId">The chat.</param>
    public void AddChat(string chatId) => _chats[chatId] = ChatState.Open;

    /// <summary>Marks a chat whose user blocked the bot: messages to it are refused with 403.</summary>
    /// <param name="chatId">The chat.</param>
    public void BlockChat(string chatId) => _chats[chatId] = ChatState.Blocked;

    /// <summary>Answers the next <paramref name="count"/> requests 429 with <c>parameters.retry_after</c>, as Telegram's flood control does.</summary>
    /// <param name="retryAfterSeconds">The seconds to wait.</param>
    /// <param name="count">How many requests.</param>
    public void TooManyRequestsNext(int retryAfterSeconds, int count = 1) =>
        Enqueue(count, context => AnswerAsync(context, 429, $"Too Many Requests: retry after {retryAfterSeconds}", new { retry_after = retryAfterSeconds }));

    /// <summary>Answers the next <paramref name="count"/> requests 502 Bad Gateway, as Telegram does when its backend is down.</summary>
    /// <param name="count">How many requests.</param>
    public void BadGatewayNext(int count = 1) => Enqueue(count, context => AnswerAsync(context, 502, "Bad Gateway"));

    /// <summary>The messages accepted for one chat.</summary>
    /// <param name="chatId">The chat.</param>
    /// <returns>Its messages, in order.</returns>
    public IReadOnlyList<TelegramSentMessage> MessagesTo(string chatId) => [.. Messages.Where(m => m.ChatId == chatId)];

    /// <inheritdoc />
    protected override void MapRoutes(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/bot{token}/{method}", HandleAsync);
    }

    private async Task HandleAsync(HttpContext context)
    {
        CountRequest();
        var token = context.Request.RouteValues["token"] as string;
        var method = context.Request.RouteValues["method"] as string;
        if (!string.Equals(token, botToken, StringComparison.Ordinal))
        {
            await AnswerAsync(context, 401, "Unauthorized").ConfigureAwait(false);
            return;
        }

        if (await TryAnswerQueuedAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (method != "sendMessage")
        {
            await AnswerAsync(context, 404, "Not Found").ConfigureAwait(false);
            return;
        }

        await SendMessageAsync(context).ConfigureAwait(false);
    }

    private async Task SendMessageAsync(HttpContext context)
    {
        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            await AnswerAsync(context, 400, "Bad Request: the emulator takes sendMessage as a JSON body (Content-Type: application/json)").ConfigureAwait(false);
            return;
        }

        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false)).RootElement;
        }
        catch (JsonException)
        {
            await AnswerAsync(context, 400, "Bad Request: can't parse JSON object").ConfigureAwait(false);
            return;
        }

        var (chatId, text, parseMode, problem) = Read(body);
        if (problem is not null)
        {
            await AnswerAsync(context, 400, problem).ConfigureAwait(false);
            return;
        }

        if (MigratedChats.TryGetValue(chatId!, out var supergroup))
        {
            await AnswerAsync(context, 400, "Bad Request: group chat was upgraded to a supergroup chat", new { migrate_to_chat_id = supergroup }).ConfigureAwait(false);
            return;
        }

        if (!_chats.TryGetValue(chatId!, out var state))
        {
            await AnswerAsync(context, 400, "Bad Request: chat not found").ConfigureAwait(false);
            return;
        }

        if (state == ChatState.Blocked)
        {
            await AnswerAsync(context, 403, "Forbidden: bot was blocked by the user").ConfigureAwait(false);
            return;
        }

        var parsed = parseMode == "MarkdownV2" ? MarkdownV2Parser.Parse(text!) : new MarkdownV2Result(text, [], null);
        var refusal = parsed.Error
            ?? (string.IsNullOrWhiteSpace(parsed.PlainText) ? "Bad Request: message text is empty"
            : parsed.PlainText.Length > MaxTextLength ? "Bad Request: message is too long"
            : null);
        if (refusal is not null)
        {
            await AnswerAsync(context, 400, refusal).ConfigureAwait(false);
            return;
        }

        var message = Record(n => new TelegramSentMessage(n, chatId!, text!, parseMode, parsed.PlainText!, parsed.Entities));

        await context.Response.WriteAsJsonAsync(new
        {
            ok = true,
            result = new { message_id = message.MessageId, date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), chat = new { id = chatId }, text = message.PlainText },
        }).ConfigureAwait(false);
    }

    private static (string? ChatId, string? Text, string? ParseMode, string? Problem) Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, null, null, "Bad Request: the body must be a JSON object");
        }

        var chatId = body.TryGetProperty("chat_id", out var chat) ? chat.ValueKind switch
        {
            JsonValueKind.Number when chat.TryGetInt64(out var id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonValueKind.String => chat.GetString(),
            _ => null,
        } : null;
        var text = body.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var parseMode = body.TryGetProperty("parse_mode", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var problem = string.IsNullOrEmpty(chatId) ? "Bad Request: chat_id is empty"
            : string.IsNullOrEmpty(text) ? "Bad Request: message text is empty"
            : parseMode is not (null or "MarkdownV2") ? $"Bad Request: unsupported parse_mode '{parseMode}' (the emulator parses MarkdownV2)"
            : null;
        return (chatId, text, parseMode, problem);
    }

    private static Task AnswerAsync(HttpContext context, int status, string description, object? parameters = null)
    {
        context.Response.StatusCode = status;
        return parameters is null
            ? context.Response.WriteAsJsonAsync(new { ok = false, error_code = status, description })
            : context.Response.WriteAsJsonAsync(new { ok = false, error_code = status, description, parameters });
    }
}
