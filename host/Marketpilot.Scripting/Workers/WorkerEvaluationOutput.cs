using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting.Workers;

/// <summary>How one evaluation in a worker ended; the host turns it back into a <see cref="RuleRun"/>.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Actions">The proposed actions.</param>
/// <param name="Messages">What the rule logged.</param>
/// <param name="Error">Why it failed or was stopped.</param>
/// <remarks>Crosses as written by <see cref="WireFormatters"/>: most evaluations end with nothing to say, and those cross as their outcome alone.</remarks>
internal sealed record WorkerEvaluationOutput(
    RuleOutcome Outcome,
    IReadOnlyList<RuleAction> Actions,
    IReadOnlyList<string> Messages,
    string? Error)
{
    public static WorkerEvaluationOutput From(RuleRun run) => new(run.Outcome, run.Actions, run.Messages, run.Error);

    public RuleRun ToRun(RuleDescriptor rule) => new(rule, Outcome, Actions, Messages, Error);
}
