using Marketpilot.Grains;
using Marketpilot.Grains.Skus;
using Marketpilot.Grains.Storage;
using Marketpilot.Sdk.Catalog;
using Orleans.Providers;

namespace Marketpilot.Host.Feeds;

/// <summary>The host's current snapshot of every SKU of one shop, read from the grains; no marketplace I/O.</summary>
public sealed class ShopOffers(
    [FromKeyedServices(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IGrainStateDirectory states,
    IGrainFactory grains)
{
    private const int PageSize = 500;
    private const int MaxParallelReads = 16;

    /// <summary>Reads the latest snapshot of every stored SKU of <paramref name="marketplace"/>/<paramref name="shopId"/>, in SKU order.</summary>
    /// <param name="marketplace">The marketplace id.</param>
    /// <param name="shopId">The shop id.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The snapshots.</returns>
    public async Task<IReadOnlyList<SkuSnapshot>> ReadAsync(string marketplace, string shopId, CancellationToken cancellationToken)
    {
        // The grain key of every SKU of the shop starts with this (GrainKeys escapes each part).
        var prefix = GrainKeys.For(new SkuKey(marketplace, shopId, "x"))[..^1];
        var keys = new List<string>();
        GrainId? after = null;
        while (true)
        {
            var page = await states.ListAsync(SkuGrain.StateName, after, PageSize, cancellationToken);
            keys.AddRange(page.Select(id => id.Key.ToString()!).Where(key => key.StartsWith(prefix, StringComparison.Ordinal)));
            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1];
        }

        var snapshots = new SkuSnapshot?[keys.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelReads, CancellationToken = cancellationToken },
            async (i, _) => snapshots[i] = (await grains.GetGrain<ISkuGrain>(keys[i]).GetAsync())?.Snapshot);
        return [.. snapshots.OfType<SkuSnapshot>().OrderBy(s => s.Sku, StringComparer.Ordinal)];
    }
}
