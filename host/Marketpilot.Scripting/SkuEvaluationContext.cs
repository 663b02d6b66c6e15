using System.Collections.Immutable;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Events;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting;

/// <summary>
/// What every rule evaluated on one SKU at one time sees: the SKU's newest snapshot, its daily history, the
/// campaigns that cover it, the evaluation time and, for an event trigger, the event. The one place the grains, <c>rules test</c>, the workers and
/// backtests build a rule's inputs from.
/// </summary>
/// <remarks>
/// The history and campaigns are copied once into immutable lists, which <see cref="RuleGlobals"/> takes as they
/// are: the rules evaluated in this context share them without a copy each, and none of them can change them or
/// the data they were copied from.
/// </remarks>
public sealed class SkuEvaluationContext
{
    private SkuEvaluationContext(SkuSnapshot sku, IReadOnlyList<DailyMetrics> history, IReadOnlyList<CampaignSnapshot> campaigns, DateTimeOffset now, MarketplaceEvent? marketplaceEvent)
    {
        Sku = sku;
        History = history;
        Campaigns = campaigns;
        Now = now;
        Event = marketplaceEvent;
    }

    /// <summary>The SKU's newest snapshot.</summary>
    public SkuSnapshot Sku { get; }

    /// <summary>The SKU's daily counts, oldest first; immutable.</summary>
    public IReadOnlyList<DailyMetrics> History { get; }

    /// <summary>The campaigns that cover the SKU, each listing only this SKU (<see cref="CampaignLink"/>); immutable.</summary>
    public IReadOnlyList<CampaignSnapshot> Campaigns { get; }

    /// <summary>The evaluation time rules see as <see cref="RuleGlobals.Now"/>.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The event rules see as <see cref="RuleGlobals.Event"/>; <see langword="null"/> unless an event triggered the evaluation.</summary>
    public MarketplaceEvent? Event { get; }

    /// <summary>Builds the context of one evaluation.</summary>
    /// <param name="sku">The SKU's newest snapshot.</param>
    /// <param name="history">The SKU's daily counts, oldest first, at most one per day.</param>
    /// <param name="campaigns">The campaigns that cover the SKU.</param>
    /// <param name="now">The evaluation time, as <see cref="RuleClock"/> or the schedule sets it.</param>
    /// <param name="marketplaceEvent">The event that triggered the evaluation, if one did.</param>
    /// <returns>The context; its lists are immutable copies of <paramref name="history"/> and <paramref name="campaigns"/> (each campaign cut to this SKU).</returns>
    public static SkuEvaluationContext Create(
        SkuSnapshot sku,
        IEnumerable<DailyMetrics> history,
        IEnumerable<CampaignSnapshot> campaigns,
        DateTimeOffset now,
        MarketplaceEvent? marketplaceEvent = null)
    {
        ArgumentNullException.ThrowIfNull(sku);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(campaigns);

        return new SkuEvaluationContext(sku, ImmutableArray.CreateRange(history), ImmutableArray.CreateRange(campaigns.Select(c => CampaignLink.Of(c, sku.Sku))), now, marketplaceEvent);
    }

    /// <summary>The globals of one rule's evaluation in this context.</summary>
    /// <param name="rule">What the host remembers about the rule on this SKU.</param>
    /// <returns>New globals sharing this context's immutable lists.</returns>
    public RuleGlobals GlobalsFor(RuleState rule) => new(Sku, History, Campaigns, rule, Now, Event);
}
