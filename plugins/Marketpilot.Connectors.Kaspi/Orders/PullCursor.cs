using System.Globalization;

namespace Marketpilot.Connectors.Kaspi.Orders;

/// <summary>
/// The cursor the connector hands the host: <c>day:yyyy-MM-dd</c>, the first day (in the shop's time zone) of the
/// next page. Only a date, so it stays valid across restarts and plugin versions.
/// </summary>
internal static class PullCursor
{
    private const string Prefix = "day:";

    public static string Format(DateOnly day) => Prefix + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <exception cref="ArgumentException">The cursor is not one this connector made.</exception>
    public static DateOnly Parse(string cursor) =>
        cursor.StartsWith(Prefix, StringComparison.Ordinal)
        && DateOnly.TryParseExact(cursor.AsSpan(Prefix.Length), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new ArgumentException($"The cursor '{cursor}' is not a Kaspi cursor (day:yyyy-MM-dd).", nameof(cursor));
}
