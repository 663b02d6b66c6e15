using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting;

/// <summary>One rule to evaluate with its globals, as part of a round (<see cref="IRuleRunner.RunAllAsync"/>).</summary>
/// <param name="Rule">One of <see cref="IRuleRunner.Rules"/>.</param>
/// <param name="Globals">A fresh globals object for this evaluation.</param>
public readonly record struct RuleEvaluation(RuleDescriptor Rule, RuleGlobals Globals);
