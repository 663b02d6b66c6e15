namespace Marketpilot.Grains.Actions;

/// <summary>A filter over the action log; every filter is optional.</summary>
/// <param name="Sku">Only actions for this SKU id (any marketplace and shop).</param>
/// <param name="RuleId">Only actions proposed by this rule.</param>
/// <param name="Status">Only actions in this status.</param>
/// <param name="Since">Only actions proposed at or after this time.</param>
/// <param name="Offset">How many matching actions (newest first) to skip.</param>
/// <param name="Limit">How many to return at most (1 to 1000).</param>
[GenerateSerializer]
[Alias("Marketpilot.Grains.Actions.ActionQuery")]
public sealed record ActionQuery(
    string? Sku = null,
    string? RuleId = null,
    ActionStatus? Status = null,
    DateTimeOffset? Since = null,
    int Offset = 0,
    int Limit = 100);
