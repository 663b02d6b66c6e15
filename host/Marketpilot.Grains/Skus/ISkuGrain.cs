using Marketpilot.Actions;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Events;

namespace Marketpilot.Grains.Skus;

/// <summary>One SKU of one shop: its latest snapshot, metric history, campaigns and per-rule state.</summary>
/// <remarks>The grain key is <see cref="GrainKeys.For(SkuKey)"/>.</remarks>
[Alias("Marketpilot.Grains.Skus.ISkuGrain")]
public interface ISkuGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records a snapshot (replacing that day's counts if the day was sent before), persists it, then
    /// evaluates the rules that declare the data-change trigger and records and dispatches the actions they propose.
    /// </summary>
    /// <param name="snapshot">A validated snapshot whose key matches this grain; <c>Date</c> set. It is an immutable record, so Orleans passes it without a copy.</param>
    /// <returns>The state after the update.</returns>
    [Alias("UpdateAsync")]
    Task<SkuView> UpdateAsync([Immutable] SkuSnapshot snapshot);

    /// <summary>
    /// Records a snapshot from a connector that pulls only <paramref name="metrics"/>: the day keeps its stored value of
    /// every other metric instead of the snapshot's 0; otherwise as <see cref="UpdateAsync(SkuSnapshot)"/>.
    /// </summary>
    /// <param name="snapshot">A validated snapshot whose key matches this grain; <c>Date</c> set.</param>
    /// <param name="metrics">The metrics the snapshot carries (the connector's <c>EffectiveMetrics</c>).</param>
    /// <returns>The state after the update.</returns>
    [Alias("UpdateMaskedAsync")]
    Task<SkuView> UpdateAsync([Immutable] SkuSnapshot snapshot, MetricKinds metrics);

    /// <summary>
    /// Evaluates the rules that declare <paramref name="trigger"/> on the stored snapshot, history and campaigns, as of
    /// <paramref name="scheduledAt"/>, then records and dispatches the actions they propose, as <see cref="UpdateAsync"/> does.
    /// </summary>
    /// <remarks>Idempotent per scheduled time: a second call for the same (or an earlier) time does nothing, so a sweep may be retried.</remarks>
    /// <param name="trigger"><see cref="RuleTrigger.Hourly"/> or <see cref="RuleTrigger.Daily"/>.</param>
    /// <param name="scheduledAt">The time the run is scheduled for; rules see it as <c>Now</c>.</param>
    /// <returns><see langword="true"/> when the rules ran; <see langword="false"/> when the SKU has no snapshot or already ran for that time.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trigger"/> is <see cref="RuleTrigger.DataChange"/>.</exception>
    [Alias("RunScheduledAsync")]
    Task<bool> RunScheduledAsync(RuleTrigger trigger, DateTimeOffset scheduledAt);

    /// <summary>
    /// Evaluates the cron rules <paramref name="ruleIds"/> whose occurrence <paramref name="scheduledAt"/> is due in this
    /// SKU's shop, as <see cref="RunScheduledAsync"/> does for hourly and daily rules.
    /// </summary>
    /// <remarks>Idempotent per rule and occurrence: a rule that already ran for that (or a later) occurrence is left out.</remarks>
    /// <param name="ruleIds">The rules whose cron trigger has this occurrence.</param>
    /// <param name="scheduledAt">The occurrence; rules see it as <c>Now</c>.</param>
    /// <returns><see langword="true"/> when at least one rule ran.</returns>
    [Alias("RunCronAsync")]
    Task<bool> RunCronAsync(IReadOnlyList<string> ruleIds, DateTimeOffset scheduledAt);

    /// <summary>
    /// Takes marketplace events about this SKU, oldest first: runs the rules with <c>event(kind)</c> for each one's kind,
    /// keeps views for the <c>event(view-without-purchase, delay)</c> rules (an order by the same shopper drops them),
    /// moves the SKU's data clock to each event's time and runs the delayed view rules that came due. Proposals go
    /// through the guardrails and are written with the state in one write, as <see cref="UpdateAsync(SkuSnapshot)"/>
    /// does; their ids come from the event ids.
    /// </summary>
    /// <remarks>
    /// An event id among the SKU's recent ones is skipped, so a repeated event proposes nothing twice; events for a SKU
    /// with no snapshot yet are not taken. Events that run no rule and change no waiting view cause no write.
    /// </remarks>
    /// <param name="events">Validated events whose SKU is this grain's (a campaign's event is handed to each SKU it covers).</param>
    /// <returns>How many of the events the SKU took (repeats and events for a SKU with no snapshot do not count).</returns>
    [Alias("OnEventsAsync")]
    Task<int> OnEventsAsync(IReadOnlyList<MarketplaceEvent> events);

    /// <summary>Records the latest snapshot of a campaign that covers (or no longer covers) this SKU.</summary>
    /// <param name="campaign">The campaign snapshot.</param>
    /// <returns>A task that completes once the link is persisted.</returns>
    [Alias("LinkCampaignAsync")]
    Task LinkCampaignAsync(CampaignSnapshot campaign);

    /// <summary>
    /// Runs actions no rule run proposed (undo) through this SKU's guardrails and records them in the outbox with the
    /// SKU's state, as a rule's proposals are; the outbox dispatcher sends them.
    /// </summary>
    /// <param name="actions">The actions, with their ids.</param>
    /// <returns>One record per action: proposed (queued) or rejected by a guardrail.</returns>
    /// <exception cref="KeyNotFoundException">Nothing was ever recorded for this SKU.</exception>
    [Alias("QueueAsync")]
    Task<IReadOnlyList<ActionRecord>> QueueAsync(IReadOnlyList<ProposedAction> actions);

    /// <summary>Returns the current state, or <see langword="null"/> when nothing was ever recorded for this SKU.</summary>
    /// <returns>The state.</returns>
    [Alias("GetAsync")]
    Task<SkuView?> GetAsync();
}
