using Marketpilot.Grains;
using Marketpilot.Grains.Skus;
using Marketpilot.Grains.Storage;
using Marketpilot.Sdk.Catalog;
using Orleans.Providers;

namespace Marketpilot.Host.Catalog;

/// <summary>
/// Reads what the host stored about many SKUs: pages through the SKU states in grain storage and asks each SKU's grain
/// for its view, a bounded number at a time. No marketplace I/O; the feed and the experiment reports read through it.
/// </summary>
public sealed class StoredSkus(
    [FromKeyedServices(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IGrainStateDirectory states,
    IGrainFactory grains)
{
    private const int PageSize = 500;
    private const int MaxParallelReads = 16;

    /// <summary>The view of every stored SKU that <paramref name="include"/> admits, in SKU key order.</summary>
    /// <param name="include">Which SKUs to read, decided from the key alone (no grain call for the others).</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The views of SKUs that have a snapshot.</returns>
    public async Task<IReadOnlyList<SkuView>> ReadAsync(Func<SkuKey, bool> include, CancellationToken cancellationToken) =>
        await ReadAsync(await ListAsync(include, cancellationToken), cancellationToken);

    /// <summary>The keys of every stored SKU that <paramref name="include"/> admits, in SKU key order; no grain is called.</summary>
    /// <param name="include">Which SKUs to list.</param>
    /// <param name="cancellationToken">Stops listing.</param>
    /// <returns>The keys.</returns>
    public async Task<IReadOnlyList<SkuKey>> ListAsync(Func<SkuKey, bool> include, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(include);
        var keys = new List<SkuKey>();
        GrainId? after = null;
        while (true)
        {
            var page = await states.ListAsync(SkuGrain.StateName, after, PageSize, cancellationToken);
            keys.AddRange(page.Select(id => GrainKeys.ParseSku(id.Key.ToString()!)).Where(include));
            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1];
        }

        return keys;
    }

    /// <summary>The views of <paramref name="keys"/>, in their order, a bounded number of grains at a time.</summary>
    /// <param name="keys">The SKUs.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The views of those that have a snapshot.</returns>
    public async Task<IReadOnlyList<SkuView>> ReadAsync(IReadOnlyList<SkuKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var views = new SkuView?[keys.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelReads, CancellationToken = cancellationToken },
            async (i, _) => views[i] = await grains.GetGrain<ISkuGrain>(GrainKeys.For(keys[i])).GetAsync());
        return [.. views.OfType<SkuView>()];
    }
}
