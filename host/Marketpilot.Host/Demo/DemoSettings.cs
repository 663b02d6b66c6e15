using Marketpilot.Experiments;

namespace Marketpilot.Host.Demo;

/// <summary>What <c>marketpilot demo</c> simulates.</summary>
/// <param name="Days">Simulated days with the rules on (after <see cref="WarmUpDays"/>).</param>
/// <param name="Seed">The simulator's seed: the same seed gives the same shop and the same run.</param>
/// <param name="Skus">How many SKUs the shop lists.</param>
/// <param name="Rollout">The test share of every rule.</param>
/// <param name="WarmUpDays">Days simulated before the rules start, so their 7- and 30-day windows have data.</param>
public sealed record DemoSettings(int Days, int Seed, int Skus, Rollout Rollout, int WarmUpDays = 30)
{
    /// <summary>The date of the first warm-up day: fixed, so that a seed always gives the same calendar.</summary>
    public static readonly DateOnly StartDate = new(2026, 1, 1);

    /// <summary>The first day with the rules on.</summary>
    public DateOnly FirstRuleDay => StartDate.AddDays(WarmUpDays);
}
