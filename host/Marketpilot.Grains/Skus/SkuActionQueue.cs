using Marketpilot.Actions;
using Marketpilot.Actions.Undo;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Grains.Skus;

/// <summary>Queues actions through the SKU's grain, which owns its guardrail day and writes the outbox with its state.</summary>
/// <param name="grains">Reaches the SKU grains.</param>
internal sealed class SkuActionQueue(IGrainFactory grains) : IActionQueue
{
    public Task<IReadOnlyList<ActionRecord>> QueueAsync(SkuKey sku, IReadOnlyList<ProposedAction> actions) =>
        grains.GetGrain<ISkuGrain>(GrainKeys.For(sku)).QueueAsync(actions);
}
