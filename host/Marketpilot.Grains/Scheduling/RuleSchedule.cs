using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Grains.Scheduling;

/// <summary>
/// The times scheduled rules run: <see cref="RuleTrigger.Hourly"/> at the top of every hour, <see cref="RuleTrigger.Daily"/>
/// once a day at a fixed time of day; both in UTC, so there are no daylight-saving gaps or repeats.
/// </summary>
/// <param name="dailyAtUtc">The time of day of the daily run, from 00:00 to 23:59:59.</param>
public sealed class RuleSchedule(TimeSpan dailyAtUtc)
{
    /// <summary>The triggers that run on a schedule, in the order their sweeps run when several are due.</summary>
    public static IReadOnlyList<RuleTrigger> Triggers { get; } = [RuleTrigger.Hourly, RuleTrigger.Daily];

    /// <summary>The schedule configured by <paramref name="options"/>.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The schedule.</returns>
    public static RuleSchedule From(RuleScheduleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new RuleSchedule(options.DailyAtUtc);
    }

    /// <summary>The latest scheduled time of <paramref name="trigger"/> at or before <paramref name="now"/>.</summary>
    /// <param name="trigger">A scheduled trigger.</param>
    /// <param name="now">The current time.</param>
    /// <returns>A time in UTC.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trigger"/> does not run on a schedule.</exception>
    public DateTimeOffset LastDue(RuleTrigger trigger, DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var midnight = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
        return trigger switch
        {
            RuleTrigger.Hourly => midnight.AddHours(utc.Hour),
            RuleTrigger.Daily => midnight + dailyAtUtc <= utc ? midnight + dailyAtUtc : midnight.AddDays(-1) + dailyAtUtc,
            _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Only hourly and daily rules run on a schedule."),
        };
    }

    /// <summary>The first scheduled time of <paramref name="trigger"/> after <paramref name="now"/>.</summary>
    /// <param name="trigger">A scheduled trigger.</param>
    /// <param name="now">The current time.</param>
    /// <returns>A time in UTC, later than <paramref name="now"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trigger"/> does not run on a schedule.</exception>
    public DateTimeOffset NextAfter(RuleTrigger trigger, DateTimeOffset now) =>
        trigger == RuleTrigger.Hourly ? LastDue(trigger, now).AddHours(1) : LastDue(trigger, now).AddDays(1);

    /// <summary>The first scheduled time after <paramref name="now"/> of any of <paramref name="triggers"/>.</summary>
    /// <param name="triggers">A rule's triggers.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The earliest next run; <see langword="null"/> when none of the triggers runs on a schedule.</returns>
    public DateTimeOffset? NextRunOf(IEnumerable<RuleTrigger> triggers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        DateTimeOffset? next = null;
        foreach (var trigger in triggers.Where(Triggers.Contains))
        {
            var at = NextAfter(trigger, now);
            next = next is { } earlier && earlier <= at ? earlier : at;
        }

        return next;
    }

    /// <summary>
    /// The first run after <paramref name="now"/> of a rule with <paramref name="triggers"/> and <paramref name="crons"/>:
    /// the next hourly or daily time, or the next occurrence of a cron expression in any of the shops' zones.
    /// </summary>
    /// <param name="triggers">The rule's triggers.</param>
    /// <param name="crons">The rule's cron schedules.</param>
    /// <param name="zones">The shops' time zones (<see cref="ShopCalendar.Zones"/>).</param>
    /// <param name="now">The current time.</param>
    /// <returns>The earliest next run; <see langword="null"/> when the rule runs on no schedule.</returns>
    public DateTimeOffset? NextRunOf(IEnumerable<RuleTrigger> triggers, IEnumerable<RuleCronSchedule> crons, IReadOnlyList<TimeZoneInfo> zones, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(crons);
        ArgumentNullException.ThrowIfNull(zones);
        var next = NextRunOf(triggers, now);
        foreach (var at in crons.SelectMany(c => zones.Select(z => c.NextAfter(now, z))).OfType<DateTimeOffset>())
        {
            next = next is { } earlier && earlier <= at ? earlier : at;
        }

        return next;
    }
}
