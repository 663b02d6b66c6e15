using Marketpilot.Experiments;
using Marketpilot.Host.Ingestion;

namespace Marketpilot.Host.Experiments;

/// <summary>
/// The days a rule's report compares, from the <c>from</c> and <c>to</c> a caller gave and the defaults for those it did
/// not: <c>to</c> the newest day with data, <c>from</c> <see cref="RuleReportService.DefaultDays"/> days up to <c>to</c>.
/// </summary>
/// <param name="From">The first day.</param>
/// <param name="To">The last day, not before <paramref name="From"/>.</param>
public sealed record ReportWindow(DateOnly From, DateOnly To)
{
    /// <summary>The earliest day a report covers: the earliest day data can have (<see cref="SnapshotValidator.EarliestDate"/>).</summary>
    public static readonly DateOnly Earliest = SnapshotValidator.EarliestDate;

    /// <summary>The latest day a report covers: the latest day data can have (<see cref="SnapshotValidator.LatestDate"/>).</summary>
    public static readonly DateOnly Latest = SnapshotValidator.LatestDate;

    /// <summary>What is wrong with the days a caller gave, before any data is read: a day outside <see cref="Earliest"/>..<see cref="Latest"/>, or <c>to</c> before <c>from</c>.</summary>
    /// <param name="from">The <c>from</c> given, if any.</param>
    /// <param name="to">The <c>to</c> given, if any.</param>
    /// <returns>The errors by parameter name (<c>from</c>, <c>to</c>); empty when both may be used.</returns>
    public static Dictionary<string, string[]> Check(DateOnly? from, DateOnly? to)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, day) in new[] { ("from", from), ("to", to) })
        {
            if (day < Earliest)
            {
                errors[name] = [$"'{day:yyyy-MM-dd}' is before {Earliest:yyyy-MM-dd}, the earliest day a report covers"];
            }
            else if (day > Latest)
            {
                errors[name] = [$"'{day:yyyy-MM-dd}' is after {Latest:yyyy-MM-dd}, the latest day a report covers"];
            }
        }

        if (errors.Count == 0 && from is { } f && to is { } t && t < f)
        {
            errors["to"] = [$"'{t:yyyy-MM-dd}' is before from ('{f:yyyy-MM-dd}')"];
        }

        return errors;
    }

    /// <summary>Applies the defaults to what the caller gave and checks the window that results.</summary>
    /// <param name="from">The <c>from</c> given, if any.</param>
    /// <param name="to">The <c>to</c> given, if any.</param>
    /// <param name="newestDay">The newest day with data of the SKUs counted, if any; days before <see cref="Earliest"/> are not data a report can use.</param>
    /// <param name="today">Today (UTC): <c>to</c> when no SKU has data.</param>
    /// <returns>The window, or the errors by parameter name when there is none. With neither day given there is always a window.</returns>
    public static (ReportWindow? Window, Dictionary<string, string[]> Errors) Resolve(DateOnly? from, DateOnly? to, DateOnly? newestDay, DateOnly today)
    {
        var errors = Check(from, to);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var (last, lastSays) = to is { } given ? (given, "")
            : newestDay >= Earliest ? (newestDay.Value, "the newest day with data")
            : (Max(today, Earliest), "today, as no SKU has data");
        if (from is { } first && last < first)
        {
            errors["from"] = [$"'{first:yyyy-MM-dd}' is after the window's end: to is not given, so it ends on {last:yyyy-MM-dd}, {lastSays}; give an earlier from, or a to"];
            return (null, errors);
        }

        return (new ReportWindow(from ?? Max(last.AddDays(1 - RuleReportService.DefaultDays), Earliest), last), errors);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
