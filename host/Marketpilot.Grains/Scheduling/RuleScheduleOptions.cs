using System.ComponentModel.DataAnnotations;

namespace Marketpilot.Grains.Scheduling;

/// <summary>When hourly, daily and cron rules run, and how hard a sweep over every SKU may push; bound to <c>Marketpilot:Schedule</c>.</summary>
public sealed class RuleScheduleOptions
{
    /// <summary>The configuration section these options are bound to.</summary>
    public const string SectionName = "Marketpilot:Schedule";

    /// <summary>
    /// Whether scheduled rules run. A silo with it on registers the scheduler's reminder; a scheduler woken on a silo with
    /// it off does nothing, so set it the same on every silo. A silo with it off still runs its share of the SKUs.
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often the scheduler's reminder wakes it to see what is due: a scheduled time runs within this much of it.
    /// A period under Orleans' <c>ReminderOptions.MinimumReminderPeriod</c> (one minute by default) lowers that minimum.
    /// </summary>
    /// <value>The default is one minute.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TickPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The time of day, in UTC, of the daily run. Hourly rules run at the top of every hour (UTC).</summary>
    /// <value>The default is 00:00 (midnight UTC).</value>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59")]
    public TimeSpan DailyAtUtc { get; set; } = TimeSpan.Zero;

    /// <summary>How many SKU grains a sweep calls at a time.</summary>
    /// <value>The default is 32.</value>
    [Range(1, 1024)]
    public int MaxConcurrentSkus { get; set; } = 32;

    /// <summary>How many SKUs one scheduler call takes on; its progress is saved after each batch, so a restart resumes from there.</summary>
    /// <value>The default is 500.</value>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;
}
