namespace Marketpilot.Scripting.Workers;

/// <summary>Asks a worker to evaluate one rule version on several SKUs, in order, in one round trip.</summary>
/// <param name="Rule">The rule version.</param>
/// <param name="Image">Its compiled image; sent only the first time this worker sees the version.</param>
/// <param name="Limits">The budgets of each evaluation.</param>
/// <param name="Items">One input per SKU.</param>
internal sealed record WorkerEvaluationBatch(
    RuleDescriptor Rule,
    byte[]? Image,
    RuleLimits Limits,
    IReadOnlyList<WorkerEvaluationInput> Items);
