namespace Marketpilot.Scripting.Workers;

/// <summary>
/// Asks a worker to evaluate several rule versions on several SKUs in one round trip. Each SKU's context
/// crosses once, however many rules are evaluated against it.
/// </summary>
/// <param name="Rules">The rule versions (with their budgets) the items refer to.</param>
/// <param name="Contexts">The SKUs' contexts the items refer to.</param>
/// <param name="Items">The evaluations, in order; the answer has one output per item, in the same order.</param>
/// <param name="KillMargin">How long past its budget one evaluation may run before the worker ends itself (<see cref="EvaluationWatchdog"/>).</param>
internal sealed record WorkerEvaluationBatch(
    IReadOnlyList<WorkerRuleEntry> Rules,
    IReadOnlyList<WorkerSkuContext> Contexts,
    IReadOnlyList<WorkerEvaluationItem> Items,
    TimeSpan KillMargin);
