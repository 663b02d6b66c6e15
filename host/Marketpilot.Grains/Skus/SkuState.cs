using System.Text.Json.Serialization;
using Marketpilot.Actions;
using Marketpilot.Actions.Evaluation;
using Marketpilot.Actions.Guardrails;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Grains.Skus;

/// <summary>The persisted state of a <see cref="SkuGrain"/>.</summary>
[GenerateSerializer]
[Alias("Marketpilot.Grains.Skus.SkuState")]
public sealed class SkuState : IActionOutboxCarrier
{
    /// <summary>The latest snapshot; <see langword="null"/> until the first update.</summary>
    [Id(0)]
    public SkuSnapshot? Snapshot { get; set; }

    /// <summary>Daily counts, oldest first, one per date.</summary>
    [Id(1)]
    public List<DailyMetrics> History { get; set; } = [];

    /// <summary>The latest snapshot of each covering campaign, by campaign id.</summary>
    [Id(2)]
    public Dictionary<string, CampaignSnapshot> Campaigns { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per-rule state, by rule id.</summary>
    [Id(3)]
    public SkuRuleStates Rules { get; set; } = new();

    /// <summary>When the last snapshot was recorded.</summary>
    [Id(4)]
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The scheduled time of the last hourly and daily run on this SKU, by trigger; a sweep never runs twice for one time.</summary>
    [Id(5)]
    public Dictionary<RuleTrigger, DateTimeOffset> ScheduledRuns { get; set; } = [];

    /// <summary>What the SKU had approved on the current UTC day, for the per-day guardrails.</summary>
    [Id(6)]
    public SkuActionDay? ActionDay { get; set; }

    /// <summary>Price, cost, stock and revenue per day, oldest first, one per date, kept as long as <see cref="History"/>.</summary>
    [Id(7)]
    public List<SkuDayValues> Days { get; set; } = [];

    /// <summary>The occurrence of each rule's cron trigger that last ran on this SKU, by rule id; an occurrence never runs twice.</summary>
    [Id(8)]
    public Dictionary<string, DateTimeOffset> CronRuns { get; set; } = [];

    /// <summary>The ids of the latest marketplace events the SKU took, oldest first: an event reported again is ignored.</summary>
    [Id(9)]
    public List<string> RecentEvents { get; set; } = [];

    /// <summary>Views no order has followed yet, for <c>event(view-without-purchase, delay)</c> rules.</summary>
    [Id(10)]
    public List<PendingView> PendingViews { get; set; } = [];

    /// <summary>The SKU's data clock: the latest time its snapshots and events reached; delayed view rules run on it.</summary>
    [Id(11)]
    public DateTimeOffset? DataClock { get; set; }

    [NonSerialized]
    private readonly List<ActionRecord> _outbox = [];

    /// <summary>The action records the next state write logs with the state, in one transaction.</summary>
    [JsonIgnore]
    public List<ActionRecord> Outbox => _outbox;
}
