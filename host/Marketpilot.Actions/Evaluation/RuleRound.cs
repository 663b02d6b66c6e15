using Marketpilot.Experiments;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Actions.Evaluation;

/// <summary>
/// One round of rules on one SKU: picks the rules a trigger runs and their modes, puts the SKU in each rule's arm, runs
/// them together (so the worker pool sends them in one batch), and turns each run into the rule's next state and its
/// proposals with ids from their cause. The one evaluation core the SKU grain, backtests and the demo share; what
/// happens to the proposals (the guardrails, the outbox) is the caller's.
/// </summary>
/// <param name="rules">The loaded rules and how they run.</param>
public sealed class RuleRound(IRuleRunner rules)
{
    /// <summary>Runs every rule with <paramref name="trigger"/> that <paramref name="modeOf"/> does not switch off.</summary>
    /// <param name="context">What the rules see: the SKU, its history and campaigns, the evaluation time.</param>
    /// <param name="states">What the host remembers about each rule on this SKU, by rule id.</param>
    /// <param name="trigger">Which rules run.</param>
    /// <param name="tick">What caused the round (<see cref="ActionIds"/>): the same cause gives the same action ids.</param>
    /// <param name="modeOf">Each rule's mode now (the API's switch, else its header).</param>
    /// <param name="cancellationToken">Stops waiting for the runs.</param>
    /// <param name="only">When set, only these rules (by id) run: those whose cron occurrence or event is due.</param>
    /// <returns>One entry per rule run, in rule order.</returns>
    public async Task<IReadOnlyList<RuleRoundEntry>> RunAsync(
        SkuEvaluationContext context,
        IReadOnlyDictionary<string, RuleState> states,
        RuleTrigger trigger,
        string tick,
        Func<RuleDescriptor, RuleMode> modeOf,
        CancellationToken cancellationToken = default,
        IReadOnlySet<string>? only = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(modeOf);

        var sku = context.Sku.Key;
        var started = new List<(RuleDescriptor Rule, RuleMode Mode, ExperimentArm Arm, RuleState Previous)>();
        var evaluations = new List<RuleEvaluation>();
        foreach (var rule in rules.Rules)
        {
            var mode = modeOf(rule);
            if (mode == RuleMode.Off || !rules.TriggersOf(rule).Contains(trigger) || (only is not null && !only.Contains(rule.Id)))
            {
                continue;
            }

            var previous = states.GetValueOrDefault(rule.Id) ?? RuleState.New(rule.Id);
            var arm = rules.RolloutOf(rule).ArmOf(rule.Id, sku);
            started.Add((rule, mode, arm, previous));
            evaluations.Add(new RuleEvaluation(rule, context.GlobalsFor(previous)));
        }

        // One call for the round: with rule workers it is queued, sent and completed as one.
        var runs = evaluations.Count == 0 ? [] : await RunAllAsync(evaluations, cancellationToken).ConfigureAwait(false);
        var entries = new List<RuleRoundEntry>(started.Count);
        for (var i = 0; i < started.Count; i++)
        {
            var (rule, mode, arm, previous) = started[i];
            var run = runs[i];
            var failed = run.Outcome is RuleOutcome.Failed or RuleOutcome.TimedOut;
            var next = previous with
            {
                RuleVersion = rule.Version,
                LastRunAt = context.Now,
                LastFiredAt = run.Outcome == RuleOutcome.Fired ? Latest(previous.LastFiredAt, context.Now) : previous.LastFiredAt,
                LastOutcome = run.Outcome,
                LastError = failed ? run.Error : null,
                ConsecutiveFailures = failed ? previous.ConsecutiveFailures + 1 : 0,
                TotalFailures = failed ? previous.TotalFailures + 1 : previous.TotalFailures,
            };

            IReadOnlyList<ProposedAction> proposals = run.Outcome == RuleOutcome.Fired
                ? [.. run.Actions.Select((action, position) =>
                    new ProposedAction(ActionIds.For(rule.Id, rule.Version, sku, tick, position), rule.Id, rule.Version, action, mode, Arm: arm))]
                : [];
            entries.Add(new RuleRoundEntry(rule, mode, arm, run, next, proposals));
        }

        return entries;
    }

    private async Task<IReadOnlyList<RuleRun>> RunAllAsync(List<RuleEvaluation> evaluations, CancellationToken cancellationToken)
    {
        try
        {
            return await rules.RunAllAsync(evaluations, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The runner reports script faults as outcomes; anything it throws is a host fault: the round's rules fail
            // with it, and the SKU's update still records its data.
            return [.. evaluations.Select(e => new RuleRun(e.Rule, RuleOutcome.Failed, [], [], ex.Message))];
        }
    }

    // Scheduled runs see the wall clock and data-change runs the data's calendar, which may be ahead of it (a simulated
    // shop); the later firing wins so that no run shortens a cooldown.
    private static DateTimeOffset Latest(DateTimeOffset? previous, DateTimeOffset at) => previous is { } p && p > at ? p : at;
}
