namespace Marketpilot.Actions.Guardrails;

/// <summary>Which guardrail refused an action, the limit it set and the value the action asked for, in the same unit.</summary>
/// <param name="Name">The guardrail, as in the API: <c>minMargin</c>, <c>maxPriceChangePerAction</c>, <c>positivePrice</c>, ...</param>
/// <param name="Limit">The bound it enforces for this action (a price floor, a fraction, a count).</param>
/// <param name="Requested">What the action asked for, in the unit of <paramref name="Limit"/>.</param>
[GenerateSerializer]
[Alias("Marketpilot.Actions.GuardrailRejection")]
public sealed record GuardrailRejection(string Name, decimal Limit, decimal Requested);
