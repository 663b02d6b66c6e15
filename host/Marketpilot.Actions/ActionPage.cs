namespace Marketpilot.Actions;

/// <summary>One page of the action log, newest first.</summary>
/// <param name="Items">The actions on this page.</param>
/// <param name="Total">How many actions match the query in all.</param>
/// <param name="Offset">The offset this page starts at.</param>
/// <param name="Limit">The page size asked for.</param>
[GenerateSerializer]
[Alias("Marketpilot.Grains.Actions.ActionPage")]
public sealed record ActionPage(IReadOnlyList<ActionRecord> Items, long Total, int Offset, int Limit);
