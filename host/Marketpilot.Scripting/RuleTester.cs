using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting;

/// <summary>Evaluates a rule on a fixture without a silo: what <c>rules test</c> does.</summary>
/// <remarks>
/// <para>
/// The rule runs once per distinct SKU, in the order each SKU first appears, on the SKU's newest
/// snapshot with its whole history, the campaigns that cover it and a fresh
/// <see cref="RuleState"/> (with the fixture's <c>lastFiredAt</c>, if any).
/// </para>
/// <para>
/// The evaluation time (<see cref="RuleGlobals.Now"/>) is midnight UTC at the end of the newest
/// <c>date</c> in the fixture (that date plus one day), so a fixture gives the same result on any
/// day; when no snapshot has a date, it is the current time. A snapshot without a date counts for the
/// newest date of the fixture (today when there is none). Of two snapshots of one SKU for the same
/// date, the later one replaces the earlier.
/// </para>
/// </remarks>
public static class RuleTester
{
    /// <summary>Evaluates <paramref name="rule"/> on every SKU of <paramref name="snapshots"/>.</summary>
    /// <param name="rule">The compiled rule.</param>
    /// <param name="snapshots">The SKU snapshots, as in a fixture. When this is a <see cref="RuleFixture"/>, its campaigns and <see cref="RuleFixture.LastFiredAt"/> are used too; otherwise there are no campaigns.</param>
    /// <param name="timeout">How long one evaluation may take.</param>
    /// <param name="cancellationToken">Cancels the remaining evaluations.</param>
    /// <returns>One result per SKU, in fixture order. A failing or slow rule is a result, never an exception.</returns>
    public static async Task<IReadOnlyList<RuleTestResult>> RunAsync(
        CompiledRule rule,
        IReadOnlyList<SkuSnapshot> snapshots,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(snapshots);

        var results = new List<RuleTestResult>();
        foreach (var globals in GlobalsOf(rule, snapshots))
        {
            var run = await rule.RunAsync(globals, timeout, cancellationToken).ConfigureAwait(false);
            results.Add(new RuleTestResult(globals.Sku.Key, run));
        }

        return results;
    }

    /// <summary>Evaluates <paramref name="rule"/> on every SKU of <paramref name="snapshots"/> in rule workers, all SKUs in one batch where the pool allows.</summary>
    /// <param name="rule">The compiled rule (it may be detached: loaded only in the workers).</param>
    /// <param name="snapshots">The SKU snapshots, as for <see cref="RunAsync(CompiledRule, IReadOnlyList{SkuSnapshot}, TimeSpan, CancellationToken)"/>.</param>
    /// <param name="timeout">How long one evaluation may take.</param>
    /// <param name="workers">The worker pool.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>One result per SKU, in fixture order. A failing or slow rule, or one that crashes its worker, is a result, never an exception.</returns>
    public static async Task<IReadOnlyList<RuleTestResult>> RunAsync(
        CompiledRule rule,
        IReadOnlyList<SkuSnapshot> snapshots,
        TimeSpan timeout,
        Workers.RuleWorkerPool workers,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(workers);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);

        var limits = rule.Limits with { Timeout = timeout };
        var evaluations = GlobalsOf(rule, snapshots)
            .Select(async globals => new RuleTestResult(globals.Sku.Key, await workers.EvaluateAsync(rule, globals, limits, cancellationToken).ConfigureAwait(false)))
            .ToList();
        return await Task.WhenAll(evaluations).ConfigureAwait(false);
    }

    private static IEnumerable<RuleGlobals> GlobalsOf(CompiledRule rule, IReadOnlyList<SkuSnapshot> snapshots)
    {
        var fixture = snapshots as RuleFixture ?? new RuleFixture(snapshots);
        var now = EvaluationTime(fixture.Skus, TimeProvider.System);
        var state = RuleState.New(rule.Rule.Id) with { LastFiredAt = fixture.LastFiredAt };
        return Prepare(fixture, DateOnly.FromDateTime(now.AddTicks(-1).UtcDateTime))
            .Select(input => SkuEvaluationContext.Create(input.Sku, input.History, input.Campaigns, now, fixture.Event).GlobalsFor(state));
    }

    /// <summary>The evaluation time of a fixture: <see cref="RuleClock"/> applied to its newest date (midnight UTC after it, unless it is today), or now when it has no dates.</summary>
    /// <param name="snapshots">The fixture's snapshots.</param>
    /// <param name="timeProvider">The current time.</param>
    /// <returns>The evaluation time.</returns>
    public static DateTimeOffset EvaluationTime(IEnumerable<SkuSnapshot> snapshots, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(timeProvider);

        return RuleClock.EvaluationTime(snapshots.Max(s => s.Date), timeProvider.GetUtcNow());
    }

    /// <summary>Groups a fixture by SKU: each SKU's newest snapshot, history and covering campaigns.</summary>
    /// <param name="fixture">The fixture.</param>
    /// <param name="today">The date of snapshots and campaigns that have none.</param>
    /// <returns>One input per distinct SKU, in the order each SKU first appears.</returns>
    public static IReadOnlyList<RuleTestInput> Prepare(RuleFixture fixture, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(fixture);

        var days = new Dictionary<SkuKey, SortedDictionary<DateOnly, SkuSnapshot>>();
        foreach (var snapshot in fixture.Skus)
        {
            if (!days.TryGetValue(snapshot.Key, out var byDate))
            {
                days[snapshot.Key] = byDate = [];
            }

            byDate[snapshot.Date ?? today] = snapshot;
        }

        var campaigns = fixture.Campaigns
            .Select((campaign, index) => (campaign, index))
            .GroupBy(c => c.campaign.Key)
            .Select(g => g.OrderBy(c => c.campaign.Date ?? today).ThenBy(c => c.index).Last())
            .OrderBy(c => c.index)
            .Select(c => c.campaign)
            .ToList();

        return fixture.Skus
            .Select(s => s.Key)
            .Distinct()
            .Select(key =>
            {
                var byDate = days[key];
                var history = byDate.Select(day => day.Value.MetricsFor(day.Key)).ToList();
                return new RuleTestInput(byDate.Values.Last(), history, campaigns.Where(c => c.Covers(key)).ToList());
            })
            .ToList();
    }
}
