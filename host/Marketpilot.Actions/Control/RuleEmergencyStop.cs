namespace Marketpilot.Actions.Control;

/// <summary>A rule version stopped because its test arm crossed an emergency threshold against its control arm.</summary>
/// <param name="Version">The rule version.</param>
/// <param name="Reason">Which thresholds were crossed, with the figures.</param>
/// <param name="StoppedAt">When the threshold was found crossed.</param>
/// <param name="HandledAt">When the rule was switched off, rolled back and the people told; <see langword="null"/> until then.</param>
[GenerateSerializer]
[Immutable]
[Alias("Marketpilot.Actions.Control.RuleEmergencyStop")]
public sealed record RuleEmergencyStop(
    [property: Id(0)] string Version,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateTimeOffset StoppedAt,
    [property: Id(3)] DateTimeOffset? HandledAt);
