namespace Marketpilot.Scripting.Workers;

/// <summary>One rule version of a <see cref="WorkerEvaluationBatch"/>, with the budgets of its evaluations there.</summary>
/// <param name="Rule">The rule version.</param>
/// <param name="Image">Its compiled image; sent only the first time this worker sees the version.</param>
/// <param name="Limits">The budgets of each of its evaluations.</param>
internal sealed record WorkerRuleEntry(RuleDescriptor Rule, byte[]? Image, RuleLimits Limits);
