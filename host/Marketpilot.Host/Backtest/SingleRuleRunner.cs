using Marketpilot.Experiments;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Scripting.Workers;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Host.Backtest;

/// <summary>
/// One compiled rule, live and on every SKU its header admits: what a backtest replays history through. It runs in the
/// rule workers, as the host runs it, unless they are off (<c>Isolation</c> <c>InProcess</c>).
/// </summary>
/// <param name="compilation">The rule's compilation; it compiled, and its <see cref="CompiledRule.Limits"/> are the budgets the host would give it.</param>
/// <param name="workers">The rule workers.</param>
internal sealed class SingleRuleRunner(RuleCompilation compilation, RuleWorkerPool workers) : IRuleRunner
{
    private readonly CompiledRule _rule = compilation.Compiled ?? throw new ArgumentException("The rule did not compile.", nameof(compilation));

    public IReadOnlyList<RuleDescriptor> Rules { get; } = [compilation.Rule];

    public Task<RuleRun> RunAsync(RuleDescriptor rule, RuleGlobals globals, CancellationToken cancellationToken) =>
        workers.Enabled ? workers.EvaluateAsync(_rule, globals, cancellationToken) : Task.FromResult(_rule.Evaluate(globals));

    public RuleMode ModeOf(RuleDescriptor rule) => RuleMode.Live;

    public RuleGuardrails GuardrailsOf(RuleDescriptor rule) => compilation.Metadata.Guardrails ?? RuleGuardrails.None;

    // History comes a day at a time, so every trigger replays as a daily evaluation of the day's data (event triggers
    // have no events to replay; the CLI warns about them).
    public IReadOnlyList<RuleTrigger> TriggersOf(RuleDescriptor rule) => [RuleTrigger.DataChange];

    public Rollout RolloutOf(RuleDescriptor rule) => Rollout.Everyone;

    public RuleScope ScopeOf(RuleDescriptor rule) => compilation.Metadata.Scope;

    public IReadOnlyList<RuleStatus> Describe() => [];
}
