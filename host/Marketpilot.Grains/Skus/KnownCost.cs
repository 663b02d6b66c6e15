using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Grains.Skus;

/// <summary>
/// A cost of 0 means the source does not know it (Wildberries and Kaspi.kz report no cost; an Ozon seller may never
/// have entered one): the SKU keeps the cost it last had, as the seller posted it through the API, so a rule on the
/// margin is not switched off by the next pull.
/// </summary>
internal static class KnownCost
{
    /// <summary><paramref name="incoming"/>, with <paramref name="previous"/>'s cost when <paramref name="incoming"/> has none.</summary>
    public static SkuSnapshot Keep(SkuSnapshot? previous, SkuSnapshot incoming) =>
        incoming.Cost == 0 && previous is { Cost: > 0 } ? incoming with { Cost = previous.Cost } : incoming;
}
