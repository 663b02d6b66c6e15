using Marketpilot.Grains.Scheduling;
using System.Globalization;
using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Grains.Tests.Scheduling;

public sealed class RuleScheduleTests
{
    private static readonly RuleSchedule Midnight = new(TimeSpan.Zero);

    [Theory]
    [InlineData("2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z")]
    [InlineData("2026-11-20T10:59:59Z", "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z")]
    [InlineData("2026-11-20T23:30:00Z", "2026-11-20T23:00:00Z", "2026-11-21T00:00:00Z")]
    [InlineData("2026-11-20T13:30:00+03:00", "2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z")]
    public void HourlyRulesRunAtTheTopOfEveryHourUtc(string now, string lastDue, string next)
    {
        var at = DateTimeOffset.Parse(now, CultureInfo.InvariantCulture);

        Assert.Equal(DateTimeOffset.Parse(lastDue, CultureInfo.InvariantCulture), Midnight.LastDue(RuleTrigger.Hourly, at));
        Assert.Equal(DateTimeOffset.Parse(next, CultureInfo.InvariantCulture), Midnight.NextAfter(RuleTrigger.Hourly, at));
    }

    [Fact]
    public void ACronRulesNextRunIsItsEarliestOccurrenceInAnyShopsZone()
    {
        var now = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        var evening = RuleCronSchedule.Parse("cron(0 19 * * *)");
        var zones = new ShopCalendar([("ozon", "msk", "Europe/Moscow"), ("kaspi", "ala", "Asia/Almaty")]).Zones;

        // 19:00 in Almaty (UTC+5) is 14:00 UTC, before 19:00 in Moscow (16:00 UTC) and in UTC.
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero), Midnight.NextRunOf([RuleTrigger.Cron], [evening], zones, now));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 11, 0, 0, TimeSpan.Zero), Midnight.NextRunOf([RuleTrigger.Cron, RuleTrigger.Hourly], [evening], zones, now));
        Assert.Null(Midnight.NextRunOf([RuleTrigger.DataChange], [], zones, now));
    }

    [Theory]
    [InlineData("2026-11-20T21:29:59Z", "2026-11-19T21:30:00Z", "2026-11-20T21:30:00Z")]
    [InlineData("2026-11-20T21:30:00Z", "2026-11-20T21:30:00Z", "2026-11-21T21:30:00Z")]
    [InlineData("2026-11-20T00:00:00Z", "2026-11-19T21:30:00Z", "2026-11-20T21:30:00Z")]
    public void DailyRulesRunAtTheConfiguredTimeOfDayUtc(string now, string lastDue, string next)
    {
        var schedule = new RuleSchedule(new TimeSpan(21, 30, 0));
        var at = DateTimeOffset.Parse(now, CultureInfo.InvariantCulture);

        Assert.Equal(DateTimeOffset.Parse(lastDue, CultureInfo.InvariantCulture), schedule.LastDue(RuleTrigger.Daily, at));
        Assert.Equal(DateTimeOffset.Parse(next, CultureInfo.InvariantCulture), schedule.NextAfter(RuleTrigger.Daily, at));
    }

    [Fact]
    public void ARuleRunsNextAtItsEarliestScheduledTrigger()
    {
        var now = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

        Assert.Null(Midnight.NextRunOf([RuleTrigger.DataChange], now));
        Assert.Equal(now.Date.AddDays(1), Midnight.NextRunOf([RuleTrigger.DataChange, RuleTrigger.Daily], now)!.Value.UtcDateTime);
        Assert.Equal(now.Date.AddHours(10), Midnight.NextRunOf([RuleTrigger.Daily, RuleTrigger.Hourly], now)!.Value.UtcDateTime);
    }

    [Theory]
    [InlineData("1.00:00:00", 32, 500, "DailyAtUtc")]
    [InlineData("-00:00:01", 32, 500, "DailyAtUtc")]
    [InlineData("00:00:00", 0, 500, "MaxConcurrentSkus")]
    [InlineData("00:00:00", 32, 0, "BatchSize")]
    public void OutOfRangeOptionsAreRefusedNamingTheKey(string dailyAt, int maxConcurrentSkus, int batchSize, string key)
    {
        var options = new RuleScheduleOptions
        {
            DailyAtUtc = TimeSpan.Parse(dailyAt, CultureInfo.InvariantCulture),
            MaxConcurrentSkus = maxConcurrentSkus,
            BatchSize = batchSize,
        };

        var result = new RuleScheduleOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultsAreValid() =>
        Assert.True(new RuleScheduleOptionsValidator().Validate(null, new RuleScheduleOptions()).Succeeded);
}
