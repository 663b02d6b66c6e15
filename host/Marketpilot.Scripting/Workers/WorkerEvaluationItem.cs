using MessagePack;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting.Workers;

/// <summary>One evaluation of a <see cref="WorkerEvaluationBatch"/>: a rule on a SKU, with the rule's state there.</summary>
/// <param name="Rule">The index of the rule in <see cref="WorkerEvaluationBatch.Rules"/>.</param>
/// <param name="Context">The index of the SKU in <see cref="WorkerEvaluationBatch.Contexts"/>.</param>
/// <param name="State">The rule's state on this SKU.</param>
[MessagePackObject]
internal sealed record WorkerEvaluationItem([property: Key(0)] int Rule, [property: Key(1)] int Context, [property: Key(2)] RuleState State);
