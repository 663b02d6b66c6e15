using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Sdk.Connectors;

/// <summary>A message the host asks a channel to deliver.</summary>
/// <param name="IdempotencyKey">Unique per notification; a channel that may be called twice with the same key should deliver once.</param>
/// <param name="Sku">The SKU the notification is about.</param>
/// <param name="Recipient">A role (<c>purchasing</c>, <c>manager</c>, <c>marketing</c>), a customer segment, or a recipient the channel knows.</param>
/// <param name="Message">The text to deliver.</param>
/// <param name="RuleId">The rule that asked for it, when a rule did.</param>
public sealed record Notification(string IdempotencyKey, SkuKey Sku, string Recipient, string Message, string? RuleId = null);
