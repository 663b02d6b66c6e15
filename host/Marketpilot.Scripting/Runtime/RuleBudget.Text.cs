namespace Marketpilot.Scripting.Runtime;

// String searches, charged before they run: one ordinal search for a long needle in a long text compares
// up to both lengths multiplied, so it is priced from its inputs before the library does the work.
public static partial class RuleBudget
{
    /// <summary>
    /// Characters compared, hashed or copied per step charged: a step of rule code costs a few nanoseconds,
    /// and so do this many vectorised character operations.
    /// </summary>
    internal const int CharsPerStep = 64;

    /// <summary><see cref="string.Contains(string)"/>, charged for the worst case of the search first.</summary>
    /// <param name="text">The string searched.</param>
    /// <param name="value">What to find.</param>
    /// <returns>Whether <paramref name="value"/> occurs.</returns>
    public static bool Contains(string text, string value)
    {
        Search(text, value);
        return text.Contains(value);
    }

    /// <summary><see cref="string.Contains(string, StringComparison)"/>, charged for the worst case of the search first.</summary>
    /// <param name="text">The string searched.</param>
    /// <param name="value">What to find.</param>
    /// <param name="comparisonType">An ordinal comparison; the sandbox refuses the others.</param>
    /// <returns>Whether <paramref name="value"/> occurs.</returns>
    public static bool Contains(string text, string value, StringComparison comparisonType)
    {
        Search(text, value);
        return text.Contains(value, comparisonType);
    }

    /// <summary><see cref="string.IndexOf(string, StringComparison)"/>, charged for the worst case of the search first.</summary>
    /// <param name="text">The string searched.</param>
    /// <param name="value">What to find.</param>
    /// <param name="comparisonType">An ordinal comparison; the sandbox refuses the others.</param>
    /// <returns>The index, or -1.</returns>
    public static int IndexOf(string text, string value, StringComparison comparisonType)
    {
        Search(text, value);
        return text.IndexOf(value, comparisonType);
    }

    /// <summary><see cref="string.IndexOf(string, int, StringComparison)"/>, charged for the worst case of the search first.</summary>
    /// <param name="text">The string searched.</param>
    /// <param name="value">What to find.</param>
    /// <param name="startIndex">Where to start.</param>
    /// <param name="comparisonType">An ordinal comparison; the sandbox refuses the others.</param>
    /// <returns>The index, or -1.</returns>
    public static int IndexOf(string text, string value, int startIndex, StringComparison comparisonType)
    {
        Search(text, value);
        return text.IndexOf(value, startIndex, comparisonType);
    }

    /// <summary><see cref="string.LastIndexOf(string, StringComparison)"/>, charged for the worst case of the search first.</summary>
    /// <param name="text">The string searched.</param>
    /// <param name="value">What to find.</param>
    /// <param name="comparisonType">An ordinal comparison; the sandbox refuses the others.</param>
    /// <returns>The index, or -1.</returns>
    public static int LastIndexOf(string text, string value, StringComparison comparisonType)
    {
        Search(text, value);
        return text.LastIndexOf(value, comparisonType);
    }

    /// <summary><see cref="string.LastIndexOf(string, int, StringComparison)"/>, charged for the worst case of the search first.</summary>
    /// <param name="text">The string searched.</param>
    /// <param name="value">What to find.</param>
    /// <param name="startIndex">Where to start, searching backwards.</param>
    /// <param name="comparisonType">An ordinal comparison; the sandbox refuses the others.</param>
    /// <returns>The index, or -1.</returns>
    public static int LastIndexOf(string text, string value, int startIndex, StringComparison comparisonType)
    {
        Search(text, value);
        return text.LastIndexOf(value, startIndex, comparisonType);
    }

    /// <summary><see cref="string.Split(string?, StringSplitOptions)"/>, charged for the worst case of the search first.</summary>
    /// <param name="text">The string split.</param>
    /// <param name="separator">The separator.</param>
    /// <param name="options">The options.</param>
    /// <returns>The parts.</returns>
    public static string[] Split(string text, string? separator, StringSplitOptions options = StringSplitOptions.None)
    {
        Search(text, separator);
        return text.Split(separator, options);
    }

    /// <summary><see cref="string.Split(string[], StringSplitOptions)"/>, charged for the worst case of the search first.</summary>
    /// <param name="text">The string split.</param>
    /// <param name="separator">The separators.</param>
    /// <param name="options">The options.</param>
    /// <returns>The parts.</returns>
    public static string[] Split(string text, string[]? separator, StringSplitOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        Search(text.Length, separator?.Sum(s => (long)(s?.Length ?? 0)) ?? 0);
        return text.Split(separator, options);
    }

    /// <summary><see cref="string.Trim(char[])"/>, charged for the worst case (every character compared with every trimmed one) first.</summary>
    /// <param name="text">The string.</param>
    /// <param name="trimChars">The characters to remove.</param>
    /// <returns>The trimmed string.</returns>
    public static string Trim(string text, params char[]? trimChars) => Trimmed(text, trimChars?.Length ?? 0).Trim(trimChars);

    /// <summary><see cref="string.TrimStart(char[])"/>, charged for the worst case first.</summary>
    /// <param name="text">The string.</param>
    /// <param name="trimChars">The characters to remove.</param>
    /// <returns>The trimmed string.</returns>
    public static string TrimStart(string text, params char[]? trimChars) => Trimmed(text, trimChars?.Length ?? 0).TrimStart(trimChars);

    /// <summary><see cref="string.TrimEnd(char[])"/>, charged for the worst case first.</summary>
    /// <param name="text">The string.</param>
    /// <param name="trimChars">The characters to remove.</param>
    /// <returns>The trimmed string.</returns>
    public static string TrimEnd(string text, params char[]? trimChars) => Trimmed(text, trimChars?.Length ?? 0).TrimEnd(trimChars);

    private static string Trimmed(string text, int trimChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        Search(text.Length, trimChars);
        return text;
    }

    private static void Search(string text, string? value)
    {
        ArgumentNullException.ThrowIfNull(text);
        Search(text.Length, value?.Length ?? 0);
    }

    // The worst case of an ordinal search is every position of the text compared with most of the value.
    private static void Search(long length, long valueLength)
    {
        var comparisons = length * valueLength;
        if (comparisons >= CharsPerStep)
        {
            Meter().Charge(comparisons / CharsPerStep);
        }
    }
}
