using Marketpilot.Experiments;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Host.Backtest;

/// <summary>One compiled rule run in this process, live and on every SKU its header admits: what a backtest replays history through.</summary>
/// <param name="compilation">The rule's compilation; it compiled.</param>
internal sealed class SingleRuleRunner(RuleCompilation compilation) : IRuleRunner
{
    private readonly CompiledRule _rule = compilation.Compiled ?? throw new ArgumentException("The rule did not compile.", nameof(compilation));

    public IReadOnlyList<RuleDescriptor> Rules { get; } = [compilation.Rule];

    public Task<RuleRun> RunAsync(RuleDescriptor rule, RuleGlobals globals, CancellationToken cancellationToken) => Task.FromResult(_rule.Evaluate(globals));

    public RuleMode ModeOf(RuleDescriptor rule) => RuleMode.Live;

    public RuleGuardrails GuardrailsOf(RuleDescriptor rule) => compilation.Metadata.Guardrails ?? RuleGuardrails.None;

    // History comes a day at a time, so every trigger replays as a daily evaluation of the day's data (event triggers
    // have no events to replay; the CLI warns about them).
    public IReadOnlyList<RuleTrigger> TriggersOf(RuleDescriptor rule) => [RuleTrigger.DataChange];

    public Rollout RolloutOf(RuleDescriptor rule) => Rollout.Everyone;

    public RuleScope ScopeOf(RuleDescriptor rule) => compilation.Metadata.Scope;

    public IReadOnlyList<RuleStatus> Describe() => [];
}
