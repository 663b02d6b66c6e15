using Marketpilot.Actions;
using Marketpilot.Actions.Evaluation;
using Marketpilot.Actions.Guardrails;
using Marketpilot.Experiments;
using Marketpilot.Grains;
using Marketpilot.Grains.Skus;
using Marketpilot.Host.Backtest;
using Marketpilot.Host.Catalog;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Host.Rules;

/// <summary>
/// What a loaded rule would do, with nothing recorded, applied or sent: a dry-run on chosen SKUs as they stand now, and
/// a backtest over the days the host has stored. Both evaluate through the host's rule runner (the rule workers) with the
/// one evaluation core (<see cref="RuleRound"/>) and the guardrails (<see cref="ActionGuard"/>).
/// </summary>
public sealed class RulePreview(IRuleRunner rules, IGrainFactory grains, StoredSkus skus, TimeProvider time)
{
    /// <summary>The elasticity the backtest's effect estimate assumes, as <c>rules backtest</c> does by default.</summary>
    public const double DefaultElasticity = 1.5;

    /// <summary>Runs <paramref name="rule"/> once on each SKU's current data and state, and says what each proposal would meet.</summary>
    /// <param name="rule">A loaded rule.</param>
    /// <param name="keys">The SKUs.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>One line per SKU and proposal (a SKU without a proposal has one line saying why).</returns>
    public async Task<IReadOnlyList<PreviewLine>> DryRunAsync(RuleDescriptor rule, IReadOnlyList<SkuKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(keys);
        var lines = new List<PreviewLine>();
        var triggers = rules.TriggersOf(rule).Where(t => t != RuleTrigger.Event).ToList();
        if (triggers.Count == 0)
        {
            return [.. keys.Select(k => new PreviewLine(k, null, null, null, "the rule runs on marketplace events only; a dry-run has no event to give it"))];
        }

        var trigger = triggers[0];
        var round = new RuleRound(rules);
        var only = new HashSet<string>(StringComparer.Ordinal) { rule.Id };
        var limitsOfShop = new Dictionary<string, GuardrailSettings>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (await grains.GetGrain<ISkuGrain>(GrainKeys.For(key)).GetAsync() is not { } view)
            {
                lines.Add(new PreviewLine(key, null, null, null, "nothing was ever recorded for this SKU"));
                continue;
            }

            var context = SkuEvaluationContext.Create(view.Snapshot, view.History, view.Campaigns, RuleClock.EvaluationTime(view.Snapshot.Date, time.GetUtcNow()));
            var states = view.Rules.ToDictionary(s => s.RuleId, StringComparer.Ordinal);
            var entries = await round.RunAsync(context, states, trigger, $"preview:{Guid.NewGuid():N}", static _ => RuleMode.Live, cancellationToken, only);
            var shop = IShopGuardrailsGrain.KeyOf(key.Marketplace, key.ShopId);
            if (!limitsOfShop.TryGetValue(shop, out var limits))
            {
                limits = limitsOfShop[shop] = (await grains.GetGrain<IShopGuardrailsGrain>(shop).GetAsync()).Settings.TightenedBy(rules.GuardrailsOf(rule));
            }

            lines.AddRange(LinesOf(key, entries, view, limits));
        }

        return lines;
    }

    /// <summary>Replays the stored days of the SKUs <paramref name="visible"/> admits (and the rule's scope) through <paramref name="rule"/>.</summary>
    /// <param name="rule">A loaded rule.</param>
    /// <param name="visible">Which shops' SKUs count (a scoped key's shops).</param>
    /// <param name="days">How many of the newest stored days the rule runs on; the days before only build history.</param>
    /// <param name="cancellationToken">Stops between days.</param>
    /// <returns>What the rule would have proposed, and the estimated effect.</returns>
    public async Task<BacktestResult> BacktestAsync(RuleDescriptor rule, Func<SkuKey, bool> visible, int days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(visible);
        var scope = rules.ScopeOf(rule);
        var views = await skus.ReadAsync(key => visible(key) && scope.Admits(key), cancellationToken);
        var history = StoredDays.Of(views);
        var evaluateFrom = history.Count == 0 ? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime) : history[^1].Date.AddDays(1 - days);
        // Each shop's guardrails as the live host applies them (its own, else its defaults), read before the replay.
        var guardrails = new Dictionary<string, GuardrailSettings>(StringComparer.Ordinal);
        foreach (var shop in views.Select(v => IShopGuardrailsGrain.KeyOf(v.Snapshot.Marketplace, v.Snapshot.ShopId)).Distinct(StringComparer.Ordinal))
        {
            guardrails[shop] = (await grains.GetGrain<IShopGuardrailsGrain>(shop).GetAsync()).Settings;
        }

        return await new BacktestRun(new OneRuleRunner(rules, rule), shop => guardrails[shop], DefaultElasticity).RunAsync(history, evaluateFrom, cancellationToken);
    }

    private static IEnumerable<PreviewLine> LinesOf(SkuKey key, IReadOnlyList<RuleRoundEntry> entries, SkuView view, GuardrailSettings limits)
    {
        if (entries.Count == 0)
        {
            yield return new PreviewLine(key, null, null, null, "the rule does not run on this SKU (outside its scope, or a guard such as its cooldown holds it)");
            yield break;
        }

        foreach (var entry in entries)
        {
            if (entry.Run.Outcome is not RuleOutcome.Fired)
            {
                yield return new PreviewLine(key, entry.Arm, null, null, entry.Run.Error ?? (entry.Run.Outcome == RuleOutcome.NoAction ? "proposes nothing" : entry.Run.Outcome.ToString()));
                continue;
            }

            var today = SkuActionDay.For(null, view.Snapshot.Date ?? DateOnly.FromDateTime(view.UpdatedAt.UtcDateTime));
            foreach (var proposal in entry.Proposals)
            {
                var refusal = ActionGuard.Check(proposal.Action, view.Snapshot, limits, today);
                if (refusal is null)
                {
                    ActionGuard.Approve(proposal.ActionId, proposal.Action, view.Snapshot, today);
                }

                yield return new PreviewLine(key, entry.Arm, proposal.Action, refusal is { } r ? $"{r.Rejection.Name}: {r.Reason}" : null, null);
            }
        }
    }

    /// <summary>One rule from the host's runner, run on every SKU as it would be on a full rollout, for a backtest.</summary>
    private sealed class OneRuleRunner(IRuleRunner inner, RuleDescriptor rule) : IRuleRunner
    {
        public IReadOnlyList<RuleDescriptor> Rules { get; } = [rule];

        public Task<RuleRun> RunAsync(RuleDescriptor rule, RuleGlobals globals, CancellationToken cancellationToken) => inner.RunAsync(rule, globals, cancellationToken);

        public RuleGuardrails GuardrailsOf(RuleDescriptor rule) => inner.GuardrailsOf(rule);

        public RuleScope ScopeOf(RuleDescriptor rule) => inner.ScopeOf(rule);

        public IReadOnlyList<RuleStatus> Describe() => [];
    }
}

/// <summary>What a dry-run found on one SKU.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="Arm">Its arm in the rule's rollout (a control SKU's proposals would be recorded, not applied).</param>
/// <param name="Action">A proposal; <see langword="null"/> when there is none.</param>
/// <param name="Refusal">The guardrail that would refuse <paramref name="Action"/>, with why.</param>
/// <param name="Note">Why there is no proposal.</param>
public sealed record PreviewLine(SkuKey Sku, ExperimentArm? Arm, Sdk.Actions.RuleAction? Action, string? Refusal, string? Note);
