using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Sdk.Connectors;

/// <summary>An action the host asks a connector to apply.</summary>
/// <param name="IdempotencyKey">Unique per action; the same key sent twice must change the marketplace once.</param>
/// <param name="Sku">The SKU the action is for.</param>
/// <param name="Action">What to do.</param>
/// <param name="RuleId">The rule that proposed it, when a rule did.</param>
public sealed record ActionRequest(string IdempotencyKey, SkuKey Sku, RuleAction Action, string? RuleId = null);
