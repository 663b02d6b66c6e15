using Marketpilot.Experiments;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Actions;

namespace Marketpilot.Actions;

/// <summary>An action on its way to the guardrails: a rule's proposal, or an undo.</summary>
/// <param name="ActionId">Its id, derived from its cause (<see cref="ActionIds"/>).</param>
/// <param name="RuleId">The rule it is attributed to.</param>
/// <param name="RuleVersion">The rule's version.</param>
/// <param name="Action">What to do.</param>
/// <param name="Mode">The rule's mode: a dry-run proposal is recorded, never sent.</param>
/// <param name="UndoOf">The action it undoes, for an undo.</param>
/// <param name="Arm">The SKU's arm in the rule's rollout: a control proposal is recorded as what would have happened, never sent.</param>
[GenerateSerializer]
[Alias("Marketpilot.Actions.ProposedAction")]
public sealed record ProposedAction(
    [property: Id(0)] string ActionId,
    [property: Id(1)] string RuleId,
    [property: Id(2)] string RuleVersion,
    [property: Id(3)] RuleAction Action,
    [property: Id(4)] RuleMode Mode = RuleMode.Live,
    [property: Id(5)] string? UndoOf = null,
    [property: Id(6)] ExperimentArm Arm = ExperimentArm.Test);
