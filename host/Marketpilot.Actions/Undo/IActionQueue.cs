using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Actions.Undo;

/// <summary>Queues actions that no rule run proposed (undo) through the SKU's guardrails and outbox, like a rule's proposals.</summary>
public interface IActionQueue
{
    /// <summary>Runs <paramref name="actions"/> through the guardrails of <paramref name="sku"/> and records them in the outbox with the SKU's state.</summary>
    /// <param name="sku">The SKU they are for.</param>
    /// <param name="actions">The actions, with their ids.</param>
    /// <returns>One record per action: proposed (queued) or rejected by a guardrail.</returns>
    /// <exception cref="KeyNotFoundException">The host has no snapshot of <paramref name="sku"/>.</exception>
    Task<IReadOnlyList<ActionRecord>> QueueAsync(SkuKey sku, IReadOnlyList<ProposedAction> actions);
}
