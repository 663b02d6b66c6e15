using MessagePack;
namespace Marketpilot.Scripting.Workers;

/// <summary>One rule version of a <see cref="WorkerEvaluationBatch"/>, with the budgets of its evaluations there.</summary>
/// <param name="Rule">The rule version.</param>
/// <param name="Image">Its compiled image; sent only the first time this worker sees the version.</param>
/// <param name="Limits">The budgets of each of its evaluations.</param>
[MessagePackObject]
internal sealed record WorkerRuleEntry([property: Key(0)] RuleDescriptor Rule, [property: Key(1)] byte[]? Image, [property: Key(2)] RuleLimits Limits);
