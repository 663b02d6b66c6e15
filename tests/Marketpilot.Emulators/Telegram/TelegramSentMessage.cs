namespace Marketpilot.Emulators.Telegram;

/// <summary>A message the emulated Bot API accepted.</summary>
/// <param name="MessageId">The id it answered with, from 1 up.</param>
/// <param name="ChatId">The chat, as sent (a number or <c>@username</c>).</param>
/// <param name="Text">The <c>text</c> as sent, markup included.</param>
/// <param name="ParseMode">The <c>parse_mode</c> sent, if any.</param>
/// <param name="PlainText">What the chat shows: the text parsed.</param>
/// <param name="Entities">The formatting kinds the parse found.</param>
public sealed record TelegramSentMessage(long MessageId, string ChatId, string Text, string? ParseMode, string PlainText, IReadOnlyList<string> Entities);
