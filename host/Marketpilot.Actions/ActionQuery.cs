namespace Marketpilot.Actions;

/// <summary>A filter over the action log; every filter is optional.</summary>
/// <param name="Sku">Only actions for this SKU id (any marketplace and shop unless those are given too).</param>
/// <param name="RuleId">Only actions proposed by this rule.</param>
/// <param name="Status">Only actions in this status.</param>
/// <param name="Since">Only actions proposed at or after this time.</param>
/// <param name="Offset">How many matching actions to skip.</param>
/// <param name="Limit">How many to return at most (1 to 1000).</param>
/// <param name="Marketplace">Only actions for SKUs of this marketplace.</param>
/// <param name="ShopId">Only actions for SKUs of this shop.</param>
/// <param name="UndoOf">Only the actions that undo this action.</param>
/// <param name="Undo">Only undo actions (<see langword="true"/>) or only rules' own actions (<see langword="false"/>).</param>
/// <param name="Statuses">Only actions in one of these statuses.</param>
/// <param name="OldestFirst">Order oldest first instead of newest first.</param>
[GenerateSerializer]
[Alias("Marketpilot.Grains.Actions.ActionQuery")]
public sealed record ActionQuery(
    string? Sku = null,
    string? RuleId = null,
    ActionStatus? Status = null,
    DateTimeOffset? Since = null,
    int Offset = 0,
    int Limit = 100,
    string? Marketplace = null,
    string? ShopId = null,
    string? UndoOf = null,
    bool? Undo = null,
    IReadOnlyList<ActionStatus>? Statuses = null,
    bool OldestFirst = false);
