using System.Globalization;
using System.Text.RegularExpressions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting.Metadata;

/// <summary>
/// One minimum of a rule's <c>// @min-data:</c> header, for example <c>clicks&gt;=100/7d</c>: the SKU is skipped unless
/// its <see cref="Metric"/> summed over the last <see cref="Days"/> days reaches <see cref="AtLeast"/>.
/// </summary>
/// <param name="Metric">The count summed.</param>
/// <param name="AtLeast">The smallest sum admitted.</param>
/// <param name="Days">The window in days, ending with the SKU's newest day, as the rule's own windows do; 1 to 30.</param>
public sealed partial record RuleMinimum(RuleDataMetric Metric, long AtLeast, int Days)
{
    /// <summary>The longest window a minimum may use, in days: the host keeps at least that much history.</summary>
    public const int MaxDays = 30;

    /// <summary>The names of the metrics as headers spell them.</summary>
    public static IReadOnlyList<string> MetricNames { get; } = ["impressions", "clicks", "add-to-cart", "orders"];

    /// <summary>Parses a comma-separated list such as <c>clicks&gt;=100/7d, orders&gt;=5/30d</c>.</summary>
    /// <param name="value">The list.</param>
    /// <returns>The minimums, in the order given.</returns>
    /// <exception cref="FormatException">A part is malformed, names an unknown metric, or has a window outside 1 to 30 days.</exception>
    public static IReadOnlyList<RuleMinimum> ParseList(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? throw new FormatException("it is empty") : [.. parts.Select(Parse)];
    }

    /// <summary>Whether the SKU of <paramref name="globals"/> has the data: its window is summed from the history the rule sees.</summary>
    /// <param name="globals">The evaluation's globals.</param>
    /// <returns><see langword="true"/> when the sum reaches <see cref="AtLeast"/>.</returns>
    public bool IsMetBy(RuleGlobals globals)
    {
        ArgumentNullException.ThrowIfNull(globals);

        // The rule's own windows are summed once per SKU and shared; any other length is summed the same way.
        var window = Days switch
        {
            1 => globals.Day,
            7 => globals.Week,
            30 => globals.Month,
            _ => MetricWindow.Over(globals.History, Days, LastDayOf(globals)),
        };
        var sum = Metric switch
        {
            RuleDataMetric.Impressions => window.Impressions,
            RuleDataMetric.Clicks => window.Clicks,
            RuleDataMetric.AddToCart => window.AddToCart,
            _ => window.Orders,
        };
        return sum >= AtLeast;
    }

    /// <summary>The header's spelling of this minimum, such as <c>clicks&gt;=100/7d</c>.</summary>
    /// <returns>The spelling.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{MetricNames[(int)Metric]}>={AtLeast}/{Days}d");

    // The same newest day as RuleGlobals' windows: the snapshot's day, else the newest recorded one, else today.
    private static DateOnly LastDayOf(RuleGlobals globals) =>
        globals.Sku.Date ?? (globals.History.Count > 0 ? globals.History[^1].Date : DateOnly.FromDateTime(globals.Now.UtcDateTime));

    private static RuleMinimum Parse(string part)
    {
        var match = Pattern().Match(part);
        if (!match.Success)
        {
            throw new FormatException($"'{part}' is not a minimum; write metric>=count/window such as clicks>=100/7d, with the metric one of {string.Join(", ", MetricNames)}");
        }

        var metric = MetricNames.ToList().FindIndex(n => n.Equals(match.Groups[1].Value, StringComparison.OrdinalIgnoreCase));
        if (metric < 0)
        {
            throw new FormatException($"'{match.Groups[1].Value}' is not a metric; use {string.Join(", ", MetricNames)}");
        }

        var days = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        return days is < 1 or > MaxDays
            ? throw new FormatException($"the window of '{part}' must be 1 to {MaxDays} days")
            : new RuleMinimum((RuleDataMetric)metric, long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), days);
    }

    [GeneratedRegex(@"^([a-z-]+)\s*>=\s*(\d{1,12})\s*/\s*(\d{1,3})d$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
