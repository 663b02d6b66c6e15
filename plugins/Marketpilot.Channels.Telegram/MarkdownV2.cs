using System.Text;

namespace Marketpilot.Channels.Telegram;

/// <summary>Telegram's MarkdownV2: text outside entities must escape every reserved character with a backslash.</summary>
/// <remarks>
/// The reserved characters are <c>_ * [ ] ( ) ~ ` &gt; # + - = | { } . !</c> and the backslash itself; an unescaped one
/// makes the Bot API refuse the whole message (400 "can't parse entities"). Escaping each of them, and nothing else,
/// shows the text exactly as written.
/// </remarks>
internal static class MarkdownV2
{
    public const string ParseMode = "MarkdownV2";

    private const string Reserved = "_*[]()~`>#+-=|{}.!\\";

    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + (text.Length / 8));
        foreach (var c in text)
        {
            if (Reserved.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    public static string Bold(string text) => $"*{Escape(text)}*";

    public static string Italic(string text) => $"_{Escape(text)}_";
}
