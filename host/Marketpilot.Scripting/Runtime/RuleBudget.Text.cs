using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace Marketpilot.Scripting.Runtime;

// String searches and string building, charged before they run: one ordinal search for a long needle in
// a long text compares up to both lengths multiplied, and one concatenation or interpolation copies all
// its parts, so both are priced from their inputs before the library does the work.
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

    /// <summary>A string concatenation <c>a + b</c>, checked against the allocation budget before it is built.</summary>
    /// <param name="first">The first part.</param>
    /// <param name="second">The second part.</param>
    /// <returns>The concatenation.</returns>
    public static string Concatenate(string? first, string? second)
    {
        Building(2L * ((long)(first?.Length ?? 0) + (second?.Length ?? 0)));
        return string.Concat(first, second);
    }

    /// <summary>A string concatenation <c>a + b + c</c>, checked against the allocation budget before it is built.</summary>
    /// <param name="first">The first part.</param>
    /// <param name="second">The second part.</param>
    /// <param name="third">The third part.</param>
    /// <returns>The concatenation.</returns>
    public static string Concatenate(string? first, string? second, string? third)
    {
        Building(2L * ((long)(first?.Length ?? 0) + (second?.Length ?? 0) + (third?.Length ?? 0)));
        return string.Concat(first, second, third);
    }

    /// <summary>A string concatenation of any number of parts, checked against the allocation budget before it is built.</summary>
    /// <param name="parts">The parts.</param>
    /// <returns>The concatenation.</returns>
    public static string Concatenate(params string?[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var length = 0L;
        foreach (var part in parts)
        {
            length += part?.Length ?? 0;
        }

        Building(2 * length);
        return string.Concat(parts);
    }

    /// <summary>A value as a string concatenation sees it: <see langword="null"/> stays null, anything else is its <see cref="object.ToString"/>.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The text.</returns>
    public static string? Text<T>(T value) => value is null ? null : value.ToString();

    /// <summary>One hole of an interpolated string, or one argument of a format: counts what it will copy before it is copied.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns><paramref name="value"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Part<T>(T value) => Part(value, 1);

    /// <summary>An argument a format copies <paramref name="times"/> times: counts what it will copy before it is copied.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="times">How many holes of the format show it.</param>
    /// <returns><paramref name="value"/>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Part<T>(T value, int times)
    {
        // Only text can be long: numbers and dates format to a few characters, and widths are capped at compile time.
        var length = value is string text ? text.Length : value is StringBuilder builder ? builder.Length : 0;
        if (length > 0 && t_current is { } meter && (meter.PendingBytes += 2L * length * times) > meter.PendingLimit)
        {
            meter.CheckPending();
        }

        return value;
    }

    /// <summary>A value a lambda hands the library (a key to sort, group or hash by), charged one step per 64 characters of its text: the library compares or hashes it at that cost.</summary>
    /// <typeparam name="T">The key's type: a string, or a tuple or other value that may hold text.</typeparam>
    /// <param name="key">The key.</param>
    /// <returns><paramref name="key"/>.</returns>
    public static T Key<T>(T key)
    {
        var steps = key is string text ? text.Length / CharsPerStep : key is ITuple ? TextSteps(key) : 0;
        if (steps > 0)
        {
            Meter().Charge(steps);
        }

        return key;
    }

    /// <summary>A message the rule logs, counted against the evaluation's message allowance.</summary>
    /// <param name="message">The message.</param>
    /// <returns><paramref name="message"/>.</returns>
    internal static string Logged(string message)
    {
        Meter().Hand(message, logged: true);
        return message;
    }

    /// <summary>An action the rule proposes, counted against the evaluation's allowance of actions.</summary>
    internal static void Proposing() => Meter().Propose();

    /// <summary>Text the rule hands the host with an action (a notification, a reason), counted against the evaluation's allowance.</summary>
    /// <param name="text">The text.</param>
    /// <returns><paramref name="text"/>.</returns>
    [return: NotNullIfNotNull(nameof(text))]
    internal static string? Handed(string? text)
    {
        if (text is not null)
        {
            Meter().Hand(text, logged: false);
        }

        return text;
    }

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

    private static void Building(long bytes)
    {
        var meter = Meter();
        if (bytes > meter.PendingLimit)
        {
            meter.CheckAllocations(bytes);
        }
    }
}
