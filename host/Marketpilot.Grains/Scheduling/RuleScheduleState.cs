using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Grains.Scheduling;

/// <summary>The persisted state of the <see cref="RuleScheduleGrain"/>.</summary>
[GenerateSerializer]
[Alias("Marketpilot.Grains.Scheduling.RuleScheduleState")]
public sealed class RuleScheduleState
{
    /// <summary>The scheduled time of the last finished sweep, by trigger.</summary>
    [Id(0)]
    public Dictionary<RuleTrigger, DateTimeOffset> Completed { get; set; } = [];

    /// <summary>The sweep under way; <see langword="null"/> when none is.</summary>
    [Id(1)]
    public RuleSweep? Current { get; set; }

    /// <summary>The occurrence that last ran, by cron key (rule, time zone, expression; <see cref="CronOccurrences"/>).</summary>
    [Id(2)]
    public Dictionary<string, DateTimeOffset> CronCompleted { get; set; } = [];
}
