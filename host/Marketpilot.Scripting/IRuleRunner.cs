using Marketpilot.Experiments;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting;

/// <summary>Runs the loaded rules. The silo's grains use it; tests replace it.</summary>
public interface IRuleRunner
{
    /// <summary>The rules that compiled and are run, in a stable order (by id).</summary>
    IReadOnlyList<RuleDescriptor> Rules { get; }

    /// <summary>Evaluates one rule against one SKU.</summary>
    /// <param name="rule">One of <see cref="Rules"/>.</param>
    /// <param name="globals">A fresh globals object for this evaluation.</param>
    /// <param name="cancellationToken">Cancels the wait for the evaluation.</param>
    /// <returns>The run; never throws for a failing or slow script (that is a <see cref="RuleOutcome.Failed"/> or <see cref="RuleOutcome.TimedOut"/> run).</returns>
    Task<RuleRun> RunAsync(RuleDescriptor rule, RuleGlobals globals, CancellationToken cancellationToken);

    /// <summary>Evaluates several rules, typically a round of rules on one SKU, together.</summary>
    /// <param name="evaluations">The rules and their globals.</param>
    /// <param name="cancellationToken">Cancels the wait for the evaluations.</param>
    /// <returns>One run per evaluation, in order; a rule that fails or throws is a <see cref="RuleOutcome.Failed"/> run of its own and never fails the others.</returns>
    /// <remarks>The default runs <see cref="RunAsync"/> for each; a runner that can batch (rule workers) overrides it.</remarks>
    async Task<IReadOnlyList<RuleRun>> RunAllAsync(IReadOnlyList<RuleEvaluation> evaluations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evaluations);

        return await Task.WhenAll(evaluations.Select(e => RunOneAsync(this, e, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>What the host does with a rule's proposals: apply them, or only record them (<c>// @mode: dry-run</c>).</summary>
    /// <param name="rule">One of <see cref="Rules"/>.</param>
    /// <returns>The rule's mode; <see cref="RuleMode.Live"/> unless its header says otherwise.</returns>
    RuleMode ModeOf(RuleDescriptor rule) => RuleMode.Live;

    /// <summary>The guardrails a rule's header tightens for its own actions (<c>// @guardrails:</c>); they never loosen the shop's.</summary>
    /// <param name="rule">One of <see cref="Rules"/>.</param>
    /// <returns>The rule's own limits; <see cref="RuleGuardrails.None"/> unless its header sets some.</returns>
    RuleGuardrails GuardrailsOf(RuleDescriptor rule) => RuleGuardrails.None;

    /// <summary>When the host runs a rule (<c>// @triggers:</c>): on data change, hourly, daily, or several of these.</summary>
    /// <param name="rule">One of <see cref="Rules"/>.</param>
    /// <returns>The rule's triggers, never empty; <see cref="RuleTrigger.DataChange"/> alone unless its header says otherwise.</returns>
    IReadOnlyList<RuleTrigger> TriggersOf(RuleDescriptor rule) => [RuleTrigger.DataChange];

    /// <summary>The rule's <c>cron(...)</c> triggers, run in each shop's time zone.</summary>
    /// <param name="rule">One of <see cref="Rules"/>.</param>
    /// <returns>The schedules; none unless <see cref="TriggersOf"/> holds <see cref="RuleTrigger.Cron"/>.</returns>
    IReadOnlyList<RuleCronSchedule> CronSchedulesOf(RuleDescriptor rule) => [];

    /// <summary>The rule's <c>event(...)</c> triggers: which marketplace events it runs on.</summary>
    /// <param name="rule">One of <see cref="Rules"/>.</param>
    /// <returns>The event triggers; none unless <see cref="TriggersOf"/> holds <see cref="RuleTrigger.Event"/>.</returns>
    IReadOnlyList<EventTrigger> EventTriggersOf(RuleDescriptor rule) => [];

    /// <summary>The rule's rollout (<c>// @rollout:</c>): which SKUs are in its test arm and which in its control group.</summary>
    /// <param name="rule">One of <see cref="Rules"/>.</param>
    /// <returns>The rollout; <see cref="Rollout.Everyone"/> unless its header says otherwise.</returns>
    Rollout RolloutOf(RuleDescriptor rule) => Rollout.Everyone;

    /// <summary>The rule's emergency thresholds (<c>// @emergency:</c>), checked against its experiment report.</summary>
    /// <param name="rule">One of <see cref="Rules"/>.</param>
    /// <returns>The thresholds; <see langword="null"/> when it has none.</returns>
    EmergencyThresholds? EmergencyOf(RuleDescriptor rule) => null;

    /// <summary>Which SKUs the rule runs on (<c>// @scope:</c>, or the API's override).</summary>
    /// <param name="rule">One of <see cref="Rules"/>.</param>
    /// <returns>The scope; <see cref="RuleScope.All"/> unless set.</returns>
    RuleScope ScopeOf(RuleDescriptor rule) => RuleScope.All;

    /// <summary>Every rule file found, compiled or not, with its run counts.</summary>
    /// <returns>Statuses in a stable order (by id).</returns>
    IReadOnlyList<RuleStatus> Describe();

    private static async Task<RuleRun> RunOneAsync(IRuleRunner runner, RuleEvaluation evaluation, CancellationToken cancellationToken)
    {
        try
        {
            return await runner.RunAsync(evaluation.Rule, evaluation.Globals, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The runner reports script faults as outcomes; anything it throws is a host fault, kept to this rule.
            return new RuleRun(evaluation.Rule, RuleOutcome.Failed, [], [], ex.Message);
        }
    }
}
