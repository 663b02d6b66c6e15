namespace Marketpilot.Grains.Scheduling;

/// <summary>
/// The cluster's one scheduler of hourly and daily rules (key <see cref="RuleScheduleGrain.Key"/>). Every silo's
/// <see cref="RuleScheduleService"/> calls it; it decides what is due, so calls from several silos never run a sweep twice.
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
}
