using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting;

/// <summary>The result of evaluating one rule on one SKU.</summary>
/// <param name="Rule">The rule version that ran.</param>
/// <param name="Outcome">How the evaluation ended.</param>
/// <param name="Actions">The actions it proposed; empty unless <paramref name="Outcome"/> is <see cref="RuleOutcome.Fired"/>.</param>
/// <param name="Messages">What the rule logged.</param>
/// <param name="Error">Why it failed or timed out; <see langword="null"/> otherwise.</param>
public sealed record RuleRun(
    RuleDescriptor Rule,
    RuleOutcome Outcome,
    IReadOnlyList<RuleAction> Actions,
    IReadOnlyList<string> Messages,
    string? Error);
