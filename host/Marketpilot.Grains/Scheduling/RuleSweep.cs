using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Grains.Scheduling;

/// <summary>One run of the rules of one scheduled trigger over every SKU, and how far it got.</summary>
[GenerateSerializer]
[Alias("Marketpilot.Grains.Scheduling.RuleSweep")]
public sealed class RuleSweep
{
    /// <summary><see cref="RuleTrigger.Hourly"/> or <see cref="RuleTrigger.Daily"/>.</summary>
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
}
