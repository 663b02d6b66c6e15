using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Grains.Scheduling;

/// <summary>
/// One run of the rules of one scheduled trigger over every SKU (a cron occurrence: over the SKUs of the shops in its time
/// zone), and how far it got.
/// </summary>
[GenerateSerializer]
[Alias("Marketpilot.Grains.Scheduling.RuleSweep")]
public sealed class RuleSweep
{
    /// <summary><see cref="RuleTrigger.Hourly"/>, <see cref="RuleTrigger.Daily"/> or <see cref="RuleTrigger.Cron"/>.</summary>
    [Id(0)]
    public RuleTrigger Trigger { get; set; }

    /// <summary>The scheduled time the sweep runs for; rules see it as <c>Now</c>.</summary>
    [Id(1)]
    public DateTimeOffset ScheduledAt { get; set; }

    /// <summary>When the sweep started.</summary>
    [Id(2)]
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>The grain id of the last SKU handed out; <see langword="null"/> before the first batch.</summary>
    [Id(3)]
    public string? Cursor { get; set; }

    /// <summary>SKUs the rules ran on so far.</summary>
    [Id(4)]
    public int Skus { get; set; }

    /// <summary>SKUs whose grain call failed so far; they wait for the next scheduled time.</summary>
    [Id(5)]
    public int Failures { get; set; }

    /// <summary>A cron sweep's time zone id: it runs on the SKUs of the shops in that zone.</summary>
    [Id(6)]
    public string? Zone { get; set; }

    /// <summary>A cron sweep's rules: those with an occurrence at <see cref="ScheduledAt"/> in <see cref="Zone"/>.</summary>
    [Id(7)]
    public List<string>? RuleIds { get; set; }

    /// <summary>A cron sweep's keys (<see cref="CronOccurrences"/>), marked done when it completes.</summary>
    [Id(8)]
    public List<string>? CronKeys { get; set; }
}
