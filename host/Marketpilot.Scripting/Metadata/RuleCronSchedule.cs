using Cronos;

namespace Marketpilot.Scripting.Metadata;

/// <summary>
/// One <c>cron(expression)</c> of a rule's <c>@triggers</c>: five fields (minute, hour, day of month, month, day of week),
/// read by Cronos. Occurrences are computed in a time zone (the shop's); across daylight-saving changes Cronos' rules hold:
/// a time skipped by a spring-forward gap runs once at the end of the gap, and in an autumn overlap an interval expression
/// (<c>*/15</c>, <c>*</c>) runs in both offsets while a fixed time runs once, in the first.
/// </summary>
public sealed class RuleCronSchedule
{
    private const string Prefix = "cron(";
    private readonly CronExpression _cron;

    private RuleCronSchedule(string expression, CronExpression cron)
    {
        Expression = expression;
        _cron = cron;
    }

    /// <summary>The expression as written between the parentheses, trimmed.</summary>
    public string Expression { get; }

    /// <summary>Whether <paramref name="trigger"/> is written as <c>cron(...)</c>.</summary>
    /// <param name="trigger">One trigger of the header.</param>
    /// <returns><see langword="true"/> for a cron trigger, valid or not.</returns>
    public static bool IsCron(string trigger) =>
        trigger.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads <c>cron(expression)</c>.</summary>
    /// <param name="trigger">The trigger as written.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="FormatException">The parentheses are missing or the expression is not a five-field cron expression; the message says what is wrong.</exception>
    public static RuleCronSchedule Parse(string trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        if (!IsCron(trigger) || !trigger.EndsWith(')'))
        {
            throw new FormatException($"'{trigger}' is not a cron trigger; write cron(<minute> <hour> <day> <month> <weekday>), for example cron(0 9 * * 1-5)");
        }

        var expression = trigger[Prefix.Length..^1].Trim();
        try
        {
            return new RuleCronSchedule(expression, CronExpression.Parse(expression, CronFormat.Standard));
        }
        catch (CronFormatException exception)
        {
            throw new FormatException($"'{expression}' is not a cron expression: {exception.Message}", exception);
        }
    }

    /// <summary>The first occurrence after <paramref name="after"/> in <paramref name="zone"/>.</summary>
    /// <param name="after">An instant.</param>
    /// <param name="zone">The shop's time zone.</param>
    /// <returns>The occurrence; <see langword="null"/> when the expression never occurs again (for example 30 February).</returns>
    public DateTimeOffset? NextAfter(DateTimeOffset after, TimeZoneInfo zone) =>
        _cron.GetNextOccurrence(after, zone, inclusive: false);

    /// <summary>The latest occurrence in (<paramref name="after"/>, <paramref name="now"/>]: after downtime, only it runs.</summary>
    /// <param name="after">The occurrence that ran last (or the time the schedule started).</param>
    /// <param name="now">The current time.</param>
    /// <param name="zone">The shop's time zone.</param>
    /// <returns>The occurrence that is due; <see langword="null"/> when none is.</returns>
    public DateTimeOffset? LatestDue(DateTimeOffset after, DateTimeOffset now, TimeZoneInfo zone) =>
        after >= now ? null : _cron.GetOccurrences(after, now, zone, fromInclusive: false, toInclusive: true).Cast<DateTimeOffset?>().LastOrDefault();
}
