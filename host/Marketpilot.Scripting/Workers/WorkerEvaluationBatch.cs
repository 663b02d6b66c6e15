using MessagePack;
namespace Marketpilot.Scripting.Workers;

/// <summary>
/// Asks a worker to evaluate several rule versions on several SKUs in one round trip. Each SKU's context
/// crosses once, however many rules are evaluated against it.
/// </summary>
/// <param name="Rules">The rule versions (with their budgets) the items refer to.</param>
/// <param name="Contexts">The SKUs' contexts the items refer to.</param>
/// <param name="Items">The evaluations, in order; the answer has one output per item, in the same order.</param>
/// <param name="KillMargin">How long past its budget one evaluation may run before the worker ends itself (<see cref="EvaluationWatchdog"/>).</param>
[MessagePackObject]
internal sealed record WorkerEvaluationBatch(
    [property: Key(0)] IReadOnlyList<WorkerRuleEntry> Rules,
    [property: Key(1)] IReadOnlyList<WorkerSkuContext> Contexts,
    [property: Key(2)] IReadOnlyList<WorkerEvaluationItem> Items,
    [property: Key(3)] TimeSpan KillMargin);
