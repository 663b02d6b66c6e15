namespace Marketpilot.Grains.Scheduling;

/// <summary>
/// The cluster's one scheduler of hourly, daily and cron rules (key <see cref="RuleScheduleGrain.Key"/>), woken by a
/// durable reminder that every silo's <see cref="RuleScheduleService"/> makes sure of; it decides what is due, so wakes
/// from several silos never run a sweep twice.
/// </summary>
[Alias("Marketpilot.Grains.Scheduling.IRuleScheduleGrain")]
public interface IRuleScheduleGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Does the next step of the schedule: starts the sweep that is due, if any, and runs the rules on its next batch of
    /// SKUs (<see cref="RuleScheduleOptions.BatchSize"/>), saving its progress. Safe to call at any time, from anywhere.
    /// </summary>
    /// <returns><see langword="true"/> while work is left that is due now: call again.</returns>
    [Alias("TickAsync")]
    Task<bool> TickAsync();

    /// <summary>Registers the reminder that wakes the scheduler every <see cref="RuleScheduleOptions.TickPeriod"/> (or updates its period).</summary>
    /// <returns>A task that completes once the reminder is stored.</returns>
    [Alias("StartAsync")]
    Task StartAsync();
}
