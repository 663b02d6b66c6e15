using System.Diagnostics;
using Marketpilot.Actions;
using Marketpilot.Actions.Evaluation;
using Marketpilot.Actions.Guardrails;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Host.Backtest;

/// <summary>
/// Replays recorded days through one rule with the one evaluation core (<see cref="RuleRound"/>) and the guardrails
/// (<see cref="ActionGuard"/>), touching nothing: no grain, no store write, no connector call. Each SKU's history and
/// rule state grow day by day as they would have, so cooldowns and windows behave as live.
/// </summary>
/// <remarks>
/// The effect estimate is a model, not a measurement: a price change from p to p′ is assumed to move the SKU's
/// observed orders by (p′/p)^−elasticity on each later day of the window until the rule's next price change takes over, and a
/// coupon of discount d the same for its days at the buyer's price p(1 − d); margin is price − cost per unit. Other
/// actions (ads, promotions, notifications) are listed without an estimate. A replay does not feed the rule's actions
/// back into the recorded data, so a rule that would have fixed something once proposes it again on later days.
/// </remarks>
/// <param name="rules">The rule: through the rule workers, or in this process when isolation is off.</param>
/// <param name="shopGuardrails">
/// Each shop's guardrails by its key (<c>marketplace/shopId</c>), as the live host would apply them: the shop's own when set
/// through the API, else its configured defaults. The rule's own guardrails tighten them.
/// </param>
/// <param name="elasticity">The price elasticity of demand the estimate assumes (positive: orders fall as price rises).</param>
public sealed class BacktestRun(IRuleRunner rules, Func<string, GuardrailSettings> shopGuardrails, double elasticity)
{
    private const int HistoryDays = 60;
    private const int RoundsAtOnce = 1024;

    /// <summary>Replays <paramref name="days"/>, oldest first.</summary>
    /// <param name="days">The recorded days.</param>
    /// <param name="evaluateFrom">The first day the rule runs on; earlier days only build the SKUs' history.</param>
    /// <param name="cancellationToken">Stops between days.</param>
    /// <returns>What the rule would have done.</returns>
    public async Task<BacktestResult> RunAsync(IReadOnlyList<BacktestDay> days, DateOnly evaluateFrom, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(days);
        var rule = rules.Rules.Single();
        var started = Stopwatch.GetTimestamp();
        var round = new RuleRound(rules);
        var limitsOfShop = new Dictionary<string, GuardrailSettings>(StringComparer.Ordinal);
        var histories = new Dictionary<SkuKey, List<DailyMetrics>>();
        var states = new Dictionary<SkuKey, Dictionary<string, RuleState>>();
        var byDay = days.ToDictionary(d => d.Date, d => d.Skus.ToDictionary(s => s.Key));
        var proposals = new List<(BacktestProposal Proposal, SkuSnapshot Sku)>();
        long skuDays = 0;
        long failedRuns = 0;
        string? firstFailure = null;
        foreach (var day in days.OrderBy(d => d.Date))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var due = new List<SkuSnapshot>(day.Skus.Count);
            foreach (var snapshot in day.Skus)
            {
                var history = histories.TryGetValue(snapshot.Key, out var h) ? h : histories[snapshot.Key] = [];
                history.Add(snapshot.MetricsFor(day.Date));
                if (history.Count > HistoryDays)
                {
                    history.RemoveAt(0);
                }

                if (day.Date >= evaluateFrom)
                {
                    due.Add(snapshot);
                }
            }

            // A day's SKUs depend on nothing of each other's, so their rounds run together, a bounded number at a time (the
            // rule workers take them in batches, not one round trip each); then each SKU's proposals meet the guardrails
            // in the day's order.
            foreach (var chunk in due.Chunk(RoundsAtOnce))
            {
                var rounds = await Task.WhenAll(chunk.Select(snapshot =>
                {
                    var ruleStates = states.TryGetValue(snapshot.Key, out var s) ? s : states[snapshot.Key] = new(StringComparer.Ordinal);
                    var covering = day.Campaigns.Where(c => c.Covers(snapshot.Key)).ToList();
                    var context = SkuEvaluationContext.Create(snapshot, histories[snapshot.Key], covering, RuleClock.EvaluationTime(day.Date, DateTimeOffset.UtcNow));
                    return round.RunAsync(context, ruleStates, RuleTrigger.DataChange, ActionIds.DataTick(snapshot), static _ => RuleMode.Live, cancellationToken);
                }).ToList());
                for (var i = 0; i < chunk.Length; i++)
                {
                    var snapshot = chunk[i];
                    skuDays++;
                    var today = SkuActionDay.For(null, day.Date);
                    var shop = IShopGuardrailsGrain.KeyOf(snapshot.Marketplace, snapshot.ShopId);
                    if (!limitsOfShop.TryGetValue(shop, out var limits))
                    {
                        limits = limitsOfShop[shop] = shopGuardrails(shop).TightenedBy(rules.GuardrailsOf(rule));
                    }

                    foreach (var entry in rounds[i])
                    {
                        states[snapshot.Key][entry.Rule.Id] = entry.State;
                        if (entry.Run.Outcome is RuleOutcome.Failed or RuleOutcome.TimedOut)
                        {
                            failedRuns++;
                            firstFailure ??= $"{day.Date:yyyy-MM-dd} {snapshot.Key}: {entry.Run.Outcome}: {entry.Run.Error}";
                        }

                        foreach (var proposal in entry.Proposals)
                        {
                            var refusal = ActionGuard.Check(proposal.Action, snapshot, limits, today);
                            if (refusal is null)
                            {
                                ActionGuard.Approve(proposal.ActionId, proposal.Action, snapshot, today);
                            }

                            proposals.Add((new BacktestProposal(day.Date, snapshot.Key, proposal.Action, refusal?.Rejection.Name, null), snapshot));
                        }
                    }
                }
            }
        }

        var estimated = Estimate(proposals, byDay);
        var to = days.Count == 0 ? evaluateFrom : days.Max(d => d.Date);
        return new BacktestResult(rule.Id, rule.Version, evaluateFrom, to, skuDays, elasticity, estimated, estimated.Sum(p => p.EstimatedMarginEffect ?? 0), Stopwatch.GetElapsedTime(started),
            failedRuns, firstFailure);
    }

    private List<BacktestProposal> Estimate(List<(BacktestProposal Proposal, SkuSnapshot Sku)> proposals, Dictionary<DateOnly, Dictionary<SkuKey, SkuSnapshot>> byDay)
    {
        var lastDay = byDay.Keys.DefaultIfEmpty().Max();
        var nextPriceChange = new Dictionary<SkuKey, DateOnly>();
        var estimated = new List<BacktestProposal>(proposals.Count);
        for (var i = proposals.Count - 1; i >= 0; i--)
        {
            var (proposal, sku) = proposals[i];
            decimal? effect = null;
            if (proposal.Guardrail is null)
            {
                switch (proposal.Action)
                {
                    case SetPrice price:
                        // In force from the next day until the day the next price change takes over (the day after it is proposed).
                        var until = nextPriceChange.TryGetValue(sku.Key, out var next) ? next : lastDay;
                        effect = Effect(sku.Key, proposal.Date.AddDays(1), until, byDay, p => price.Price);
                        nextPriceChange[sku.Key] = proposal.Date;
                        break;
                    case CreateCoupon coupon:
                        var end = proposal.Date.AddDays(Math.Max(1, (int)Math.Ceiling(coupon.Duration.TotalDays)));
                        effect = Effect(sku.Key, proposal.Date.AddDays(1), end < lastDay ? end : lastDay, byDay, p => p * (1 - coupon.Discount));
                        break;
                }
            }

            estimated.Add(proposal with { EstimatedMarginEffect = effect is { } e ? decimal.Round(e, 2) : null });
        }

        estimated.Reverse();
        return estimated;
    }

    // Σ over the days: orders × (p′/p)^−e × (p′ − cost) − orders × (p − cost), at the SKU's observed orders.
    private decimal Effect(SkuKey sku, DateOnly from, DateOnly to, Dictionary<DateOnly, Dictionary<SkuKey, SkuSnapshot>> byDay, Func<decimal, decimal> newPrice)
    {
        decimal total = 0;
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            if (!byDay.TryGetValue(date, out var skus) || !skus.TryGetValue(sku, out var day) || day.Price <= 0)
            {
                continue;
            }

            var price = newPrice(day.Price);
            var orders = day.Orders * Math.Pow((double)(price / day.Price), -elasticity);
            total += ((decimal)orders * (price - day.Cost)) - (day.Orders * (day.Price - day.Cost));
        }

        return total;
    }
}
