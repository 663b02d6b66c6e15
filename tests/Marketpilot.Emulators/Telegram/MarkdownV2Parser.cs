using System.Text;

namespace Marketpilot.Emulators.Telegram;

/// <summary>What a MarkdownV2 text shows once parsed, or the Bot API's error for it.</summary>
/// <param name="PlainText">The text without markup and escapes, as the chat shows it; <see langword="null"/> on an error.</param>
/// <param name="Entities">The formatting kinds found (<c>Bold</c>, <c>Italic</c>, …), in the order they closed.</param>
/// <param name="Error">The Bot API's description of why the text cannot be parsed, or <see langword="null"/>.</param>
public sealed record MarkdownV2Result(string? PlainText, IReadOnlyList<string> Entities, string? Error);

/// <summary>
/// Parses Telegram's MarkdownV2 as the Bot API documents it, so the emulator refuses what Telegram refuses: a reserved
/// character outside an entity without a backslash is "can't parse entities", and an entity left open is "Can't find end
/// of … entity". Supports bold, italic, underline, strikethrough, spoiler, inline code, pre blocks, links and block quotes.
/// </summary>
public static class MarkdownV2Parser
{
    private const string Reserved = "_*[]()~`>#+-=|{}.!\\";

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <param name="text">The <c>text</c> of a <c>sendMessage</c> with <c>parse_mode</c> MarkdownV2.</param>
    /// <returns>The plain text and entities, or the error.</returns>
    public static MarkdownV2Result Parse(string text)
    {
        var plain = new StringBuilder(text.Length);
        var entities = new List<string>();
        var open = new Stack<(string Kind, int At)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var lineStart = i == 0 || text[i - 1] == '\n';
            if (c == '\\')
            {
                if (i + 1 >= text.Length || text[i + 1] is < (char)1 or > (char)126)
                {
                    return ReservedError(c);
                }

                plain.Append(text[i + 1]);
                i += 2;
                continue;
            }

            if (c == '`')
            {
                var fence = text.AsSpan(i).StartsWith("```") ? "```" : "`";
                var end = ReadCode(text, i + fence.Length, fence, plain);
                if (end < 0)
                {
                    return CantFindEnd(fence.Length == 3 ? "Pre" : "Code", text, i);
                }

                entities.Add(fence.Length == 3 ? "Pre" : "Code");
                i = end + fence.Length;
                continue;
            }

            var marker = text.AsSpan(i) switch
            {
                ['*', ..] => ("Bold", 1),
                ['_', '_', ..] => ("Underline", 2),
                ['_', ..] => ("Italic", 1),
                ['~', ..] => ("Strikethrough", 1),
                ['|', '|', ..] => ("Spoiler", 2),
                ['[', ..] => ("TextUrl", 1),
                _ => (null, 0),
            };
            if (marker.Item1 is { } kind)
            {
                if (open.Count > 0 && open.Peek().Kind == kind && kind != "TextUrl")
                {
                    open.Pop();
                    entities.Add(kind);
                }
                else
                {
                    open.Push((kind, i));
                }

                i += marker.Item2;
                continue;
            }

            if (c == ']' && open.Count > 0 && open.Peek().Kind == "TextUrl")
            {
                var start = open.Pop().At;
                if (i + 1 >= text.Length || text[i + 1] != '(')
                {
                    return CantFindEnd("TextUrl", text, start);
                }

                var close = ReadUrl(text, i + 2);
                if (close < 0)
                {
                    return CantFindEnd("TextUrl", text, start);
                }

                entities.Add("TextUrl");
                i = close + 1;
                continue;
            }

            if (c == '>' && lineStart)
            {
                entities.Add("Blockquote");
                i++;
                continue;
            }

            if (Reserved.Contains(c, StringComparison.Ordinal))
            {
                return ReservedError(c);
            }

            plain.Append(c);
            i++;
        }

        return open.Count > 0 ? CantFindEnd(open.Peek().Kind, text, open.Peek().At) : new MarkdownV2Result(plain.ToString(), entities, null);
    }

    // Inside code only ` and \ are escaped; returns where the closing fence starts, or -1.
    private static int ReadCode(string text, int from, string fence, StringBuilder plain)
    {
        var j = from;
        while (j < text.Length)
        {
            if (text.AsSpan(j).StartsWith(fence))
            {
                return j;
            }

            if (text[j] == '\\' && j + 1 < text.Length && text[j + 1] is '`' or '\\')
            {
                plain.Append(text[j + 1]);
                j += 2;
                continue;
            }

            plain.Append(text[j]);
            j++;
        }

        return -1;
    }

    // Inside a link's URL only ) and \ are escaped; returns the closing parenthesis, or -1.
    private static int ReadUrl(string text, int from)
    {
        for (var j = from; j < text.Length; j++)
        {
            if (text[j] == '\\')
            {
                j++;
            }
            else if (text[j] == ')')
            {
                return j;
            }
        }

        return -1;
    }

    private static MarkdownV2Result ReservedError(char c) =>
        new(null, [], $"Bad Request: can't parse entities: Character '{c}' is reserved and must be escaped with the preceding '\\'");

    private static MarkdownV2Result CantFindEnd(string kind, string text, int at) =>
        new(null, [], $"Bad Request: can't parse entities: Can't find end of {kind} entity at byte offset {Encoding.UTF8.GetByteCount(text.AsSpan(0, at))}");
}
