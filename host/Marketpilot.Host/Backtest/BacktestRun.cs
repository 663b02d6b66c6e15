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
/// <param name="rules">The rule, run in this process.</param>
/// <param name="guardrails">The shop's guardrails.</param>
/// <param name="elasticity">The price elasticity of demand the estimate assumes (positive: orders fall as price rises).</param>
public sealed class BacktestRun(IRuleRunner rules, GuardrailSettings guardrails, double elasticity)
{
    private const int HistoryDays = 60;

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
        var limits = guardrails.TightenedBy(rules.GuardrailsOf(rule));
        var histories = new Dictionary<SkuKey, List<DailyMetrics>>();
        var states = new Dictionary<SkuKey, Dictionary<string, RuleState>>();
        var byDay = days.ToDictionary(d => d.Date, d => d.Skus.ToDictionary(s => s.Key));
        var proposals = new List<(BacktestProposal Proposal, SkuSnapshot Sku)>();
        long skuDays = 0;
        foreach (var day in days.OrderBy(d => d.Date))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var snapshot in day.Skus)
            {
                var history = histories.TryGetValue(snapshot.Key, out var h) ? h : histories[snapshot.Key] = [];
                history.Add(snapshot.MetricsFor(day.Date));
                if (history.Count > HistoryDays)
                {
                    history.RemoveAt(0);
                }

                if (day.Date < evaluateFrom)
                {
                    continue;
                }

                var ruleStates = states.TryGetValue(snapshot.Key, out var s) ? s : states[snapshot.Key] = new(StringComparer.Ordinal);
                var covering = day.Campaigns.Where(c => c.Marketplace == snapshot.Marketplace && c.ShopId == snapshot.ShopId && c.Skus.Contains(snapshot.Sku)).ToList();
                var context = SkuEvaluationContext.Create(snapshot, history, covering, RuleClock.EvaluationTime(day.Date, DateTimeOffset.UtcNow));
                var entries = await round.RunAsync(context, ruleStates, RuleTrigger.DataChange, ActionIds.DataTick(snapshot), static _ => RuleMode.Live, cancellationToken);
                skuDays++;
                var today = SkuActionDay.For(null, day.Date);
                foreach (var entry in entries)
                {
                    ruleStates[entry.Rule.Id] = entry.State;
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

        var estimated = Estimate(proposals, byDay);
        var to = days.Count == 0 ? evaluateFrom : days.Max(d => d.Date);
        return new BacktestResult(rule.Id, rule.Version, evaluateFrom, to, skuDays, elasticity, estimated, estimated.Sum(p => p.EstimatedMarginEffect ?? 0), Stopwatch.GetElapsedTime(started));
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
