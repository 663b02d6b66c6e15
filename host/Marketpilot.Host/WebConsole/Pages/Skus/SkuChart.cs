using Marketpilot.Actions;
using Marketpilot.Grains.Skus;

namespace Marketpilot.Host.WebConsole.Pages.Skus;

/// <summary>The series a SKU's charts draw, one point per day, and the actions marked on them.</summary>
/// <param name="Days">The days, oldest first (yyyy-MM-dd).</param>
/// <param name="Price">The price each day.</param>
/// <param name="Cost">The unit cost each day (null: not known).</param>
/// <param name="Margin">(price − cost) / price each day, in percent (null: cost not known).</param>
/// <param name="Stock">Units in stock each day.</param>
/// <param name="Orders">Orders each day.</param>
/// <param name="Conversion">Orders per click each day, in percent (null: no clicks).</param>
/// <param name="Marks">The actions, on the day each was proposed.</param>
public sealed record SkuChart(
    IReadOnlyList<string> Days,
    IReadOnlyList<decimal> Price,
    IReadOnlyList<decimal?> Cost,
    IReadOnlyList<double?> Margin,
    IReadOnlyList<int> Stock,
    IReadOnlyList<long?> Orders,
    IReadOnlyList<double?> Conversion,
    IReadOnlyList<SkuChart.Mark> Marks)
{
    /// <summary>An action on the timeline.</summary>
    /// <param name="Day">The day it was proposed (yyyy-MM-dd).</param>
    /// <param name="Label">Rule, version, kind and status (and the guardrail that refused it).</param>
    /// <param name="Status">The action's status, for its colour.</param>
    public sealed record Mark(string Day, string Label, string Status);

    /// <summary>The series of <paramref name="sku"/> and its <paramref name="actions"/>.</summary>
    public static SkuChart Of(SkuView sku, IReadOnlyList<ActionRecord> actions)
    {
        ArgumentNullException.ThrowIfNull(sku);
        ArgumentNullException.ThrowIfNull(actions);
        var counts = sku.History.ToDictionary(h => h.Date);
        var days = sku.Days;
        return new SkuChart(
            [.. days.Select(d => Day(d.Date))],
            [.. days.Select(d => d.Price)],
            [.. days.Select(d => d.Cost > 0 ? d.Cost : (decimal?)null)],
            [.. days.Select(d => d.Cost > 0 && d.Price > 0 ? Math.Round((double)((d.Price - d.Cost) / d.Price) * 100, 1) : (double?)null)],
            [.. days.Select(d => d.Stock)],
            [.. days.Select(d => counts.TryGetValue(d.Date, out var c) ? c.Orders : (long?)null)],
            [.. days.Select(d => counts.TryGetValue(d.Date, out var c) && c.Clicks > 0 ? Math.Round(100.0 * c.Orders / c.Clicks, 2) : (double?)null)],
            [.. actions.Select(a => new Mark(
                Day(DateOnly.FromDateTime(a.ProposedAt.UtcDateTime)),
                $"{a.RuleId}@{a.RuleVersion[..Math.Min(8, a.RuleVersion.Length)]} · {a.Kind} · {ActionStatusNames.Of(a.Status)}{(a.Guardrail is { } g ? $" ({g.Name})" : "")}",
                ActionStatusNames.Of(a.Status)))]);
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
