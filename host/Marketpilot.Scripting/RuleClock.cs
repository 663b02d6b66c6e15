namespace Marketpilot.Scripting;

/// <summary>
/// The time a rule sees as <c>Now</c>: the time the data is as of. Today's data is evaluated at the
/// current time; data of another day (a backfill, a fixture, a simulated day) at midnight UTC after
/// that day, so cooldowns and "new item" checks follow the data's calendar, not the wall clock.
/// </summary>
public static class RuleClock
{
    /// <summary>The evaluation time for data of <paramref name="dataDate"/>.</summary>
    /// <param name="dataDate">The day the data belongs to; <see langword="null"/> means today.</param>
    /// <param name="now">The current time.</param>
    /// <returns><paramref name="now"/> for today's data, otherwise midnight UTC after <paramref name="dataDate"/>.</returns>
    public static DateTimeOffset EvaluationTime(DateOnly? dataDate, DateTimeOffset now) =>
        dataDate is { } date && date != DateOnly.FromDateTime(now.UtcDateTime)
            ? new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : now;
}
