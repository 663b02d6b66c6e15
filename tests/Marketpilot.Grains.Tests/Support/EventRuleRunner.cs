using System.Collections.Concurrent;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Events;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Grains.Tests.Support;

/// <summary>
/// Event rules that remember what they saw: <c>on-order</c> (<c>event(order-placed)</c>) notifies sales of each order,
/// <c>retarget</c> (<c>event(view-without-purchase, 24h)</c>) proposes a coupon, <c>on-change</c> runs on data changes.
/// </summary>
internal sealed class EventRuleRunner : IRuleRunner
{
    public static readonly RuleDescriptor OnOrder = new("on-order", "v1", "scripts/on-order.csx");
    public static readonly RuleDescriptor Retarget = new("retarget", "v1", "scripts/retarget.csx");
    public static readonly RuleDescriptor OnChange = new("on-change", "v1", "scripts/on-change.csx");

    private readonly ConcurrentQueue<(string RuleId, SkuKey Sku, MarketplaceEvent? Event, DateTimeOffset Now)> _runs = new();

    public IReadOnlyList<RuleDescriptor> Rules { get; } = [OnChange, OnOrder, Retarget];

    public IReadOnlyList<RuleTrigger> TriggersOf(RuleDescriptor rule) => rule == OnChange ? [RuleTrigger.DataChange] : [RuleTrigger.Event];

    public IReadOnlyList<EventTrigger> EventTriggersOf(RuleDescriptor rule) =>
        rule == OnOrder ? [new EventTrigger(MarketplaceEventKind.OrderPlaced)]
        : rule == Retarget ? [new EventTrigger(MarketplaceEventKind.View, TimeSpan.FromHours(24))]
        : [];

    /// <summary>The events <paramref name="rule"/> ran on for <paramref name="sku"/>, with the time it saw, in order.</summary>
    public IReadOnlyList<(MarketplaceEvent? Event, DateTimeOffset Now)> RunsOf(RuleDescriptor rule, SkuKey sku) =>
        [.. _runs.Where(r => r.RuleId == rule.Id && r.Sku == sku).Select(r => (r.Event, r.Now))];

    public Task<RuleRun> RunAsync(RuleDescriptor rule, RuleGlobals globals, CancellationToken cancellationToken)
    {
        _runs.Enqueue((rule.Id, globals.Sku.Key, globals.Event, globals.Now));
        if (rule == OnOrder)
        {
            globals.Notify("sales", $"order {globals.Event?.Id}");
        }

        if (rule == Retarget)
        {
            globals.CreateCoupon(0.10m, TimeSpan.FromDays(2), $"viewed by {globals.Event?.ShopperId}");
        }

        var outcome = globals.Actions.Count > 0 ? RuleOutcome.Fired : RuleOutcome.NoAction;
        return Task.FromResult(new RuleRun(rule, outcome, [.. globals.Actions], [], null));
    }

    public IReadOnlyList<RuleStatus> Describe() => [];
}
