using Marketpilot.Experiments;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Grains.Tests.Support;

/// <summary>
/// Three rules keyed off the snapshot: <c>min-margin</c> raises a price under the 12% floor, <c>flaky</c> fails when the
/// card status is "broken" and throws when it is "throws", <c>stock-guard</c> notifies purchasing when stock is 0,
/// <c>dry-price</c> (in dry-run mode) proposes a price when the card status is "dry", <c>half-rollout</c> (rolled out
/// to 50% of SKUs) proposes a price when the card status is "rollout".
/// </summary>
internal sealed class FakeRuleRunner : IRuleRunner
{
    public static readonly RuleDescriptor MinMargin = new("min-margin", "v1", "scripts/min-margin.csx");
    public static readonly RuleDescriptor Flaky = new("flaky", "v7", "scripts/flaky.csx");
    public static readonly RuleDescriptor StockGuard = new("stock-guard", "v2", "scripts/stock-guard.csx");
    public static readonly RuleDescriptor DryPrice = new("dry-price", "v3", "scripts/dry-price.csx");
    public static readonly RuleDescriptor HalfRollout = new("half-rollout", "v4", "scripts/half-rollout.csx");
    public static readonly Rollout Half = Rollout.Parse("50%");

    public IReadOnlyList<RuleDescriptor> Rules { get; } = [DryPrice, Flaky, HalfRollout, MinMargin, StockGuard];

    public RuleMode ModeOf(RuleDescriptor rule) => rule == DryPrice ? RuleMode.DryRun : RuleMode.Live;

    public Rollout RolloutOf(RuleDescriptor rule) => rule == HalfRollout ? Half : Rollout.Everyone;

    public Task<RuleRun> RunAsync(RuleDescriptor rule, RuleGlobals globals, CancellationToken cancellationToken)
    {
        if (rule == Flaky)
        {
            return globals.Sku.CardStatus switch
            {
                "broken" => Task.FromResult(new RuleRun(rule, RuleOutcome.Failed, [], [], "division by zero at line 3")),
                "throws" => throw new InvalidOperationException("runner crashed"),
                _ => Task.FromResult(new RuleRun(rule, RuleOutcome.NoAction, [], [], null)),
            };
        }

        if (rule == MinMargin && globals.Sku.Margin < 0.12m)
        {
            globals.Log("price under the margin floor");
            globals.SetPrice(Math.Round(globals.Sku.Cost / (1 - 0.12m), 2), "margin floor 12%");
        }

        if (rule == DryPrice && globals.Sku.CardStatus == "dry")
        {
            globals.SetPrice(999m, "dry-run trial");
        }

        if (rule == HalfRollout && globals.Sku.CardStatus == "rollout")
        {
            globals.SetPrice(globals.Sku.Price + 1, "rollout trial");
        }

        if (rule == StockGuard && globals.Sku.Stock == 0)
        {
            globals.Notify("purchasing", "out of stock");
        }

        var outcome = globals.Actions.Count > 0 ? RuleOutcome.Fired : RuleOutcome.NoAction;
        return Task.FromResult(new RuleRun(rule, outcome, [.. globals.Actions], [.. globals.Messages], null));
    }

    public IReadOnlyList<RuleStatus> Describe() => [];
}
