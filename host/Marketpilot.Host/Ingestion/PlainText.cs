using System.Globalization;

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

    private static string At(string what, char c, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"holds {what} U+{(int)c:X4} at position {index + 1}");
}
