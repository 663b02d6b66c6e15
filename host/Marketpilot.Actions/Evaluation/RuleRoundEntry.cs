using Marketpilot.Experiments;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Actions.Evaluation;

/// <summary>One rule's part of a <see cref="RuleRound"/>.</summary>
/// <param name="Rule">The rule, in the version that ran.</param>
/// <param name="Mode">Its mode in this round.</param>
/// <param name="Arm">The SKU's arm in the rule's rollout: a control SKU's proposals are recorded, never applied.</param>
/// <param name="Run">What the run did.</param>
/// <param name="State">The rule's state on the SKU after the run.</param>
/// <param name="Proposals">Its proposals, each carrying <paramref name="Mode"/> and <paramref name="Arm"/>; empty unless it fired.</param>
public sealed record RuleRoundEntry(
    RuleDescriptor Rule,
    RuleMode Mode,
    ExperimentArm Arm,
    RuleRun Run,
    RuleState State,
    IReadOnlyList<ProposedAction> Proposals);
