namespace Marketpilot.Scripting.Workers;

/// <summary>
/// Asks a worker to evaluate several rule versions on several SKUs in one round trip. Each SKU's context
/// crosses once, however many rules are evaluated against it.
/// </summary>
/// <param name="Rules">The rule versions (with their budgets) the items refer to.</param>
/// <param name="Contexts">The SKUs' contexts the items refer to.</param>
/// <param name="Items">The evaluations, in order; the answer has one output per item, in the same order.</param>
internal sealed record WorkerEvaluationBatch(
    IReadOnlyList<WorkerRuleEntry> Rules,
    IReadOnlyList<WorkerSkuContext> Contexts,
    IReadOnlyList<WorkerEvaluationItem> Items);
