using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Marketpilot.Host.Ingestion;

/// <summary>
/// What the host accepts as text in a snapshot or event: no control characters (line breaks and tabs only where
/// <c>lineBreaks</c> allows them), no half of a surrogate pair, no U+FFFE or U+FFFF. Everything downstream writes these
/// values somewhere (the offer feed's XML, which cannot carry such a character at all, the console, logs, messages),
/// so one stored title with a U+0001 would otherwise make a whole shop's feed unbuildable.
/// </summary>
public static class PlainText
{
    /// <summary>Says what is wrong with <paramref name="value"/> and where; <see langword="null"/> when it is plain text.</summary>
    /// <param name="value">The text.</param>
    /// <param name="lineBreaks">Whether tab, line feed and carriage return are allowed (free text such as a title).</param>
    /// <returns>For example <c>holds the control character U+0001 at position 5</c>.</returns>
    public static string? Problem(string value, bool lineBreaks)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return At("half of a surrogate pair", c, i);
            }

            if (char.IsControl(c) && !(lineBreaks && c is '\t' or '\n' or '\r'))
            {
                return At("the control character", c, i);
            }

            if (c is '\uFFFE' or '\uFFFF')
            {
                return At("the non-character", c, i);
            }
        }

        return null;
    }

    /// <summary>
    /// Makes <paramref name="value"/> plain text of at most <paramref name="maxLength"/> characters: a control character
    /// becomes a space, half of a surrogate pair or a non-character becomes U+FFFD, and text past the limit is cut (never
    /// between the halves of a pair) and ends with an ellipsis.
    /// </summary>
    /// <param name="value">The text, or <see langword="null"/>.</param>
    /// <param name="lineBreaks">Whether tab, line feed and carriage return are kept (free text such as a title).</param>
    /// <param name="maxLength">The longest result, at least 2.</param>
    /// <returns>The same instance when it was already plain text within the limit.</returns>
    [return: NotNullIfNotNull(nameof(value))]
    public static string? Clean(string? value, bool lineBreaks, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        if (value is null || (value.Length <= maxLength && Problem(value, lineBreaks) is null))
        {
            return value;
        }

        var cut = value.Length > maxLength;
        var keep = cut ? maxLength - 1 : value.Length;
        if (cut && char.IsHighSurrogate(value[keep - 1]) && char.IsLowSurrogate(value[keep]))
        {
            keep--;
        }

        var clean = new StringBuilder(keep + 1);
        for (var i = 0; i < keep; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < keep && char.IsLowSurrogate(value[i + 1]))
            {
                clean.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                clean.Append('\uFFFD');
            }
            else
            {
                clean.Append(char.IsControl(c) && !(lineBreaks && c is '\t' or '\n' or '\r') ? ' ' : c);
            }
        }

        return (cut ? clean.Append('\u2026') : clean).ToString();
    }

    private static string At(string what, char c, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"holds {what} U+{(int)c:X4} at position {index + 1}");
}
