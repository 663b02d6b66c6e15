namespace Marketpilot.Grains;

/// <summary>Keeps a per-day history: one entry per date, oldest first, at most <see cref="MaxDays"/> entries.</summary>
internal static class DailyHistory
{
    /// <summary>How many days of history a grain keeps.</summary>
    public const int MaxDays = 60;

    /// <summary>Replaces the entry for the same date (re-sent counts replace, never add up) or inserts it, then trims the oldest days.</summary>
    public static void Upsert<T>(List<T> history, T entry, Func<T, DateOnly> dateOf)
    {
        var date = dateOf(entry);
        history.RemoveAll(e => dateOf(e) == date);
        var index = history.FindIndex(e => dateOf(e) > date);
        history.Insert(index < 0 ? history.Count : index, entry);
        if (history.Count > MaxDays)
        {
            history.RemoveRange(0, history.Count - MaxDays);
        }
    }
}
