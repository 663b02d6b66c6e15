using Marketpilot.Experiments;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Host.Demo;

/// <summary>The loaded rules as they are, except that every rule is on the same rollout and is live: how the demo tries each sample rule against a control group.</summary>
/// <param name="rules">The loaded rules.</param>
/// <param name="rollout">The rollout every rule gets.</param>
internal sealed class RolloutForAll(IRuleRunner rules, Rollout rollout) : IRuleRunner
{
    public IReadOnlyList<RuleDescriptor> Rules => rules.Rules;

    public Task<RuleRun> RunAsync(RuleDescriptor rule, RuleGlobals globals, CancellationToken cancellationToken) => rules.RunAsync(rule, globals, cancellationToken);

    public RuleMode ModeOf(RuleDescriptor rule) => RuleMode.Live;

    public RuleGuardrails GuardrailsOf(RuleDescriptor rule) => rules.GuardrailsOf(rule);

    public IReadOnlyList<RuleTrigger> TriggersOf(RuleDescriptor rule) => rules.TriggersOf(rule);

    public IReadOnlyList<RuleCronSchedule> CronSchedulesOf(RuleDescriptor rule) => rules.CronSchedulesOf(rule);

    public IReadOnlyList<EventTrigger> EventTriggersOf(RuleDescriptor rule) => rules.EventTriggersOf(rule);

    public Rollout RolloutOf(RuleDescriptor rule) => rollout;

    public EmergencyThresholds? EmergencyOf(RuleDescriptor rule) => null;

    public RuleScope ScopeOf(RuleDescriptor rule) => rules.ScopeOf(rule);

    public IReadOnlyList<RuleStatus> Describe() => rules.Describe();
}
