using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Channels.Telegram;

/// <summary>
/// Turns a notification into the MarkdownV2 texts to send: a bold header naming the SKU and shop, the message, and the
/// rule in italics. A message longer than Telegram allows is split at line breaks or spaces into numbered parts.
/// </summary>
/// <remarks>
/// Telegram counts its 4096-character limit on the text after entities are parsed, so the budget is counted on the
/// plain text, in UTF-16 code units (never fewer than Telegram's count), and a part never ends inside a surrogate pair.
/// </remarks>
internal static class TelegramMessage
{
    /// <summary>The longest text Telegram takes in one message, after parsing.</summary>
    public const int MaxLength = 4096;

    public const string TruncatedMarker = "… (truncated)";

    private const int MaxHeaderLength = 256;

    // Room for " (12/20)" after the header of a split message.
    private const int PartNumberLength = 8;

    public static IReadOnlyList<string> Compose(Notification notification, int maxParts)
    {
        var header = Shorten($"{notification.Sku.Sku} · {notification.Sku.Marketplace} · {notification.Sku.ShopId}", MaxHeaderLength);
        var footer = notification.RuleId is { } rule ? Shorten($"rule {rule}", MaxHeaderLength) : null;
        var budget = MaxLength - header.Length - PartNumberLength - 1 - (footer is null ? 0 : footer.Length + 1);
        var chunks = Split(notification.Message.Trim(), budget, maxParts);
        return [.. chunks.Select((chunk, i) =>
        {
            var number = chunks.Count > 1 ? $" ({i + 1}/{chunks.Count})" : "";
            var text = $"{MarkdownV2.Bold(header)}{MarkdownV2.Escape(number)}\n{MarkdownV2.Escape(chunk)}";
            return footer is not null && i == chunks.Count - 1 ? $"{text}\n{MarkdownV2.Italic(footer)}" : text;
        })];
    }

    /// <summary>Splits <paramref name="text"/> into at most <paramref name="maxParts"/> chunks of at most <paramref name="budget"/> characters.</summary>
    internal static List<string> Split(string text, int budget, int maxParts)
    {
        var chunks = new List<string>();
        var rest = text;
        while (rest.Length > 0)
        {
            if (rest.Length <= budget)
            {
                chunks.Add(rest);
                break;
            }

            if (chunks.Count == maxParts - 1)
            {
                chunks.Add(rest[..Cut(rest, budget - TruncatedMarker.Length)].TrimEnd() + TruncatedMarker);
                break;
            }

            var cut = Cut(rest, budget);
            chunks.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }

        return chunks;
    }

    // Prefer a line break, then a space, in the second half of the window; else cut hard, outside a surrogate pair.
    private static int Cut(string text, int max)
    {
        var window = text.AsSpan(0, max);
        var at = window.LastIndexOf('\n');
        if (at < max / 2)
        {
            at = window.LastIndexOf(' ');
        }

        if (at >= max / 2)
        {
            return at + 1;
        }

        return char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
    }

    private static string Shorten(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, Cut(text, max - 1)), "…");
}
