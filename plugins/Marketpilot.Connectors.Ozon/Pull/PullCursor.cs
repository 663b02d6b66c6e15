using System.Globalization;

namespace Marketpilot.Connectors.Ozon.Pull;

/// <summary>
/// Where a pull stands: the day its metrics are for and Ozon's <c>last_id</c> in <c>/v3/product/list</c>. Written
/// <c>ozon1|yyyy-MM-dd|last_id</c>; after the last page the cursor is <see cref="NextCycle"/>, which starts over with the
/// shop's current day, so the host's next sync reads every product again.
/// </summary>
internal sealed record PullCursor(DateOnly Date, string LastId)
{
    public const string NextCycle = "ozon1|next|";
    private const string Prefix = "ozon1|";

    public bool IsFirstPage => LastId.Length == 0;

    public static PullCursor Parse(string? cursor, DateOnly today)
    {
        if (cursor is null || cursor == NextCycle)
        {
            return new PullCursor(today, "");
        }

        var parts = cursor.Split('|');
        return parts.Length == 3 && cursor.StartsWith(Prefix, StringComparison.Ordinal)
            && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new PullCursor(date, parts[2])
            : throw new ArgumentException("The cursor is not one the Ozon connector wrote; pull from the beginning (a null cursor).", nameof(cursor));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Date:yyyy-MM-dd}|{LastId}");
}
