using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting.Workers;

/// <summary>One evaluation for the rule workers: a compiled rule, its globals and the budgets it runs within.</summary>
/// <param name="Rule">The rule; its image is sent to a worker that has not loaded it yet.</param>
/// <param name="Globals">The evaluation's globals; only what they are built from crosses to the worker.</param>
/// <param name="Limits">The budgets of the evaluation.</param>
public readonly record struct WorkerEvaluation(CompiledRule Rule, RuleGlobals Globals, RuleLimits Limits);
