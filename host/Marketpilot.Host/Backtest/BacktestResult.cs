namespace Marketpilot.Host.Backtest;

/// <summary>What a backtest found.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="RuleVersion">Its version.</param>
/// <param name="From">The first day replayed.</param>
/// <param name="To">The last day replayed.</param>
/// <param name="SkuDays">SKU-days replayed.</param>
/// <param name="Elasticity">The price elasticity the effect estimate assumed.</param>
/// <param name="Proposals">Every proposal, in day order.</param>
/// <param name="EstimatedMarginEffect">The sum of the estimates of the proposals that would have gone ahead.</param>
/// <param name="Elapsed">Wall-clock time of the replay.</param>
/// <param name="FailedRuns">SKU-days on which the rule failed or ran out of its budgets, and so proposed nothing.</param>
/// <param name="FirstFailure">Where and why the first of them failed; <see langword="null"/> when none did.</param>
public sealed record BacktestResult(
    string RuleId, string RuleVersion, DateOnly From, DateOnly To, long SkuDays, double Elasticity,
    IReadOnlyList<BacktestProposal> Proposals, decimal EstimatedMarginEffect, TimeSpan Elapsed, long FailedRuns = 0, string? FirstFailure = null)
{
    /// <summary>SKU-days replayed per second.</summary>
    public double SkuDaysPerSecond => SkuDays / Math.Max(Elapsed.TotalSeconds, 1e-6);
}
