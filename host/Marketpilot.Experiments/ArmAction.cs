using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Experiments;

/// <summary>One action of the rule under test, for the per-action comparison.</summary>
/// <param name="Sku">The SKU it was for.</param>
/// <param name="Kind">What it did.</param>
/// <param name="Arm">The arm of its SKU.</param>
/// <param name="TookEffect">In the test arm: it was applied. In the control arm: it was recorded as <c>control</c> and no guardrail would have refused it, so it would have been applied.</param>
public sealed record ArmAction(SkuKey Sku, ActionKind Kind, ExperimentArm Arm, bool TookEffect);
