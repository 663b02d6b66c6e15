using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Scripting.Tests;

public sealed class CronTriggerTests
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");
    private static readonly TimeZoneInfo Almaty = TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private readonly RuleCompiler _compiler = new();

    [Fact]
    public void SeveralCronTriggersAreReadAlongsideTheOthersAndKeepTheirCommas()
    {
        var compilation = _compiler.Compile("scripts/weekdays.csx", "// @triggers: daily, cron(0 9 * * 1-5), cron(30 8,20 * * 6)\nNotify(\"a\", \"b\");");

        Assert.True(compilation.Succeeded);
        Assert.Equal([RuleTrigger.Daily, RuleTrigger.Cron], compilation.Metadata.Triggers);
        Assert.Equal(["0 9 * * 1-5", "30 8,20 * * 6"], compilation.Metadata.CronSchedules.Select(c => c.Expression));
    }

    [Fact]
    public void ARuleWithoutCronTriggersHasNoCronSchedules()
    {
        var compilation = _compiler.Compile("scripts/hourly.csx", "// @triggers: hourly\nNotify(\"a\", \"b\");");

        Assert.Equal([RuleTrigger.Hourly], compilation.Metadata.Triggers);
        Assert.Empty(compilation.Metadata.CronSchedules);
    }

    [Theory]
    [InlineData("// @triggers: cron(0 25 * * *)", "'0 25 * * *' is not a cron expression")]
    [InlineData("// @triggers: cron(0 9 * *)", "'0 9 * *' is not a cron expression")]
    [InlineData("// @triggers: hourly, cron(0 9 * * 1-5", "the parentheses in 'hourly, cron(0 9 * * 1-5' do not match")]
    [InlineData("// @triggers: cron(0 9 * * 1) x", "is not a cron trigger")]
    [InlineData("// @triggers: weekly", "'weekly' is not a trigger; use data-change, hourly, daily, cron(<expression>) or event(kind)")]
    public void AnInvalidCronTriggerIsAnErrorAtTheValue(string header, string message)
    {
        var compilation = _compiler.Compile("bad.csx", header + "\nNotify(\"a\", \"b\");");

        var error = Assert.Single(compilation.Diagnostics);
        Assert.Equal(("MP1004", 1, 15), (error.Code, error.Line, error.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Null(compilation.Compiled);
    }

    [Fact]
    public void OccurrencesFollowTheShopsTimeZone()
    {
        var weekdaysAtNine = RuleCronSchedule.Parse("cron(0 9 * * 1-5)");
        var sundayNoonUtc = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2025, 6, 2, 6, 0, 0, TimeSpan.Zero), weekdaysAtNine.NextAfter(sundayNoonUtc, Moscow));
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 4, 0, 0, TimeSpan.Zero), weekdaysAtNine.NextAfter(sundayNoonUtc, Almaty));
        Assert.Equal(new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero), weekdaysAtNine.NextAfter(sundayNoonUtc, TimeZoneInfo.Utc));
    }

    [Fact]
    public void AfterDowntimeOnlyTheLatestMissedOccurrenceIsDue()
    {
        var daily = RuleCronSchedule.Parse("cron(0 9 * * *)");
        var lastRun = new DateTimeOffset(2025, 6, 1, 6, 0, 0, TimeSpan.Zero);
        var threeDaysLater = new DateTimeOffset(2025, 6, 4, 7, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2025, 6, 4, 6, 0, 0, TimeSpan.Zero), daily.LatestDue(lastRun, threeDaysLater, Moscow));
        Assert.Null(daily.LatestDue(lastRun, lastRun.AddHours(23), Moscow));
        Assert.Null(daily.LatestDue(threeDaysLater, threeDaysLater, Moscow));
    }

    [Fact]
    public void ATimeSkippedBySpringForwardRunsOnceAtTheEndOfTheGap()
    {
        // Berlin skips 02:00-03:00 local on 30 March 2025 (01:00 UTC).
        var halfPastTwo = RuleCronSchedule.Parse("cron(30 2 * * *)");

        var next = halfPastTwo.NextAfter(new DateTimeOffset(2025, 3, 29, 23, 0, 0, TimeSpan.Zero), Berlin);

        Assert.Equal(new DateTimeOffset(2025, 3, 30, 1, 0, 0, TimeSpan.Zero), next);
        Assert.Equal(new DateTimeOffset(2025, 3, 31, 0, 30, 0, TimeSpan.Zero), halfPastTwo.NextAfter(next!.Value, Berlin));
    }

    [Fact]
    public void AFixedTimeInTheAutumnOverlapRunsOnceWhileAnIntervalRunsInBothOffsets()
    {
        // Berlin repeats 02:00-03:00 local on 26 October 2025 (00:00-02:00 UTC).
        var from = new DateTimeOffset(2025, 10, 25, 23, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2025, 10, 26, 3, 0, 0, TimeSpan.Zero);

        Assert.Equal(
            new DateTimeOffset(2025, 10, 26, 0, 30, 0, TimeSpan.Zero),
            RuleCronSchedule.Parse("cron(30 2 * * *)").LatestDue(from, to, Berlin));
        Assert.Equal(
            new DateTimeOffset(2025, 10, 26, 1, 30, 0, TimeSpan.Zero),
            RuleCronSchedule.Parse("cron(30 * * * *)").LatestDue(from, to.AddMinutes(-61), Berlin));
    }
}
