using System.Text;
using System.Text.Json;
using Marketpilot.Channels.Shared;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Channels.Telegram;

/// <summary>Sends each notification through the Bot API's <c>sendMessage</c> to the chats configured for its recipient role.</summary>
/// <remarks>
/// Telegram has no idempotency key, so the channel remembers each message it delivered (<see cref="DeliveredKeys"/>: the
/// notification's key, the chat and the part): a notification the host sends again reaches each chat once. A failure
/// Telegram reports in its own words (429, a 5xx with <c>"ok":false</c>) is retried within the call's deadline and then
/// left to the host as a retryable failure; what Telegram refuses for good (chat not found, bot blocked, bad token) is
/// rejected with Telegram's reason. A request Telegram may have run without confirming it (no answer, a proxy's 502, a
/// body that is not a Bot API answer) is not sent again unless <see cref="HttpChannelOptions.ResendUnconfirmed"/>.
/// The bot token is part of every request's path: it is masked in every reason and never logged.
/// </remarks>
internal sealed class TelegramChannel : HttpChannel
{
    private const string TokenMask = "<bot token>";

    private readonly TelegramOptions _options;
    private readonly Uri _sendMessage;

    public TelegramChannel(TelegramOptions options, DeliveredKeys delivered, TimeProvider time, ILogger<TelegramChannel>? logger)
        : base("telegram", options.Retry, delivered, time, logger, reply => BotApiAnswer.TryParse(reply.Body)?.RetryAfter ?? reply.RetryAfter)
    {
        _options = options;
        // "./": a token reads like a URI scheme ("bot123:…"); a base without a trailing slash would lose its last segment.
        var baseUrl = options.BaseUrl.AbsoluteUri.EndsWith('/') ? options.BaseUrl : new Uri(options.BaseUrl.AbsoluteUri + "/");
        _sendMessage = new Uri(baseUrl, $"./bot{options.BotToken}/sendMessage");
    }

    public override Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken) =>
        RoleDelivery.SendToEachAsync(
            notification,
            _options.Chats,
            "Telegram chat",
            chat => SendToChatAsync(notification.IdempotencyKey, chat, TelegramMessage.Compose(notification, _options.MaxParts), cancellationToken),
            chat => $"chat {chat}");

    // Parts go out in order; a part that fails stops the rest, and the retry resumes after the parts delivered.
    private async Task<DeliveryResult> SendToChatAsync(string key, string chat, IReadOnlyList<string> parts, CancellationToken cancellationToken)
    {
        var result = DeliveryResult.Delivered;
        for (var i = 0; i < parts.Count && result.Status == DeliveryStatus.Delivered; i++)
        {
            var text = parts[i];
            result = await Delivered.SendOnceAsync(
                $"{key}|{chat}|{i + 1}/{parts.Count}",
                () => SendRequestAsync(() => CreateRequest(chat, text), $"chat {chat}", outcome => Classify(chat, outcome), cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private HttpRequestMessage CreateRequest(string chat, string text)
    {
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            if (long.TryParse(chat, out var id))
            {
                json.WriteNumber("chat_id", id);
            }
            else
            {
                json.WriteString("chat_id", chat);
            }

            json.WriteString("text", text);
            json.WriteString("parse_mode", MarkdownV2.ParseMode);
            json.WriteStartObject("link_preview_options");
            json.WriteBoolean("is_disabled", true);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        var content = new ByteArrayContent(body.ToArray());
        content.Headers.ContentType = new("application/json") { CharSet = Encoding.UTF8.WebName };
        return new HttpRequestMessage(HttpMethod.Post, _sendMessage) { Content = content };
    }

    private DeliveryResult Classify(string chat, HttpOutcome outcome)
    {
        if (outcome.Reply is not { } reply)
        {
            return new DeliveryResult(DeliveryStatus.RetryableFailure, outcome.Failure);
        }

        var answer = BotApiAnswer.TryParse(reply.Body);
        var telegramSays = Mask(answer?.Description ?? reply.Status);
        if (answer is null)
        {
            // Not the Bot API talking (a proxy, a broken answer): nothing says the message went out or was refused.
            return new DeliveryResult(DeliveryStatus.RetryableFailure, $"answered {reply.Status} with a body that is not a Bot API answer");
        }

        if (reply.IsSuccess && answer.Ok)
        {
            return DeliveryResult.Delivered;
        }

        if (reply.StatusCode == 429)
        {
            var wait = answer.RetryAfter ?? reply.RetryAfter;
            return new DeliveryResult(DeliveryStatus.RetryableFailure, $"Telegram limits the bot ({telegramSays}); retry after {wait?.TotalSeconds ?? 0:0} s");
        }

        if (reply.IsTransient)
        {
            return new DeliveryResult(DeliveryStatus.RetryableFailure, $"Telegram answered {reply.StatusCode} ({telegramSays}) after {outcome.Attempts} attempts");
        }

        return new DeliveryResult(DeliveryStatus.Rejected, reply.StatusCode switch
        {
            401 or 404 => $"Telegram refused the bot token ({reply.StatusCode}: {telegramSays}); check {TelegramOptions.SectionPath}:BotToken",
            _ when answer.MigrateToChatId is { } supergroup => $"chat {chat} became the supergroup {supergroup} ({telegramSays}); configure {supergroup} instead",
            403 => $"Telegram does not let the bot write to chat {chat} ({telegramSays}): the user blocked the bot, or it is not a member",
            _ => $"Telegram refused the message for chat {chat} ({reply.StatusCode}: {telegramSays})",
        });
    }

    // Telegram speaks for itself in a Bot API answer; anything else is a proxy or garbage, and a 2xx of garbage proves nothing.
    protected override ReplyVerdict Judge(HttpReply reply) => BotApiAnswer.TryParse(reply.Body) switch
    {
        { Ok: true } when reply.IsSuccess => ReplyVerdict.Accepted,
        not null => ReplyVerdict.Refused,
        null when reply.IsSuccess => ReplyVerdict.Unclear,
        null => ReplyVerdicts.ByStatus(reply),
    };

    // The token is the path of every request: whatever the transport or Telegram reports must not carry it.
    protected override string Mask(string text) => text.Replace(_options.BotToken, TokenMask, StringComparison.Ordinal);
}
