namespace Marketpilot.Actions;

/// <summary>What waits in the outbox: the actions still proposed (approved, not applied, rejected or failed yet).</summary>
/// <param name="Count">How many.</param>
/// <param name="OldestProposedAt">When the oldest of them was proposed; <see langword="null"/> when none waits.</param>
public sealed record OutboxDepth(long Count, DateTimeOffset? OldestProposedAt);
