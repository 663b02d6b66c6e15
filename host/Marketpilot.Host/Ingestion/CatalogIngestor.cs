using Marketpilot.Grains;
using Marketpilot.Grains.Campaigns;
using Marketpilot.Grains.Skus;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Events;

namespace Marketpilot.Host.Ingestion;

/// <summary>
/// Hands validated snapshots and events to their grains. Snapshots of the same SKU are applied one after another,
/// oldest day first; different SKUs in parallel.
/// </summary>
public sealed class CatalogIngestor(IGrainFactory grains, TimeProvider time)
{
    // A 100-item batch (the API's usual size) goes to its grains at once. At 32 a time, 8 clients kept at most 256 updates
    // in flight of the 800 they had sent, and the group commit and the rule workers' messages filled less: at 128,
    // 11,161-12,697 updates/s against 8,807-9,916 at 10,000 SKUs (docs/performance.md).
    private const int MaxParallelGrainCalls = 128;

    /// <summary>Records SKU snapshots; a snapshot without a date is stamped with today (UTC).</summary>
    /// <param name="snapshots">Validated snapshots.</param>
    /// <param name="cancellationToken">Stops starting further SKUs; a SKU already started is finished.</param>
    /// <returns>How many snapshots were recorded.</returns>
    public Task<int> IngestAsync(IReadOnlyList<SkuSnapshot> snapshots, CancellationToken cancellationToken) =>
        IngestAsync(snapshots, MetricKinds.All, cancellationToken);

    /// <summary>Records SKU snapshots that carry only <paramref name="metrics"/>; each day keeps its stored value of the others.</summary>
    /// <param name="snapshots">Validated snapshots.</param>
    /// <param name="metrics">The metrics the snapshots carry: the connector's <c>EffectiveMetrics</c>, or all for the API.</param>
    /// <param name="cancellationToken">Stops starting further SKUs; a SKU already started is finished.</param>
    /// <returns>How many snapshots were recorded.</returns>
    public async Task<int> IngestAsync(IReadOnlyList<SkuSnapshot> snapshots, MetricKinds metrics, CancellationToken cancellationToken)
    {
        var today = Today();
        var bySku = snapshots.Select(s => s.Date is null ? s with { Date = today } : s).GroupBy(s => s.Key);
        await ForEachAsync(bySku, async group =>
        {
            var grain = grains.GetGrain<ISkuGrain>(GrainKeys.For(group.Key));
            foreach (var snapshot in group.OrderBy(s => s.Date))
            {
                await grain.UpdateAsync(snapshot, metrics);
                IngestionMetrics.SkuUpdated();
            }
        }, cancellationToken);
        return snapshots.Count;
    }

    /// <summary>Records campaign snapshots; a snapshot without a date is stamped with today (UTC).</summary>
    /// <param name="snapshots">Validated snapshots.</param>
    /// <param name="cancellationToken">Stops starting further campaigns; one already started is finished.</param>
    /// <returns>How many snapshots were recorded.</returns>
    public async Task<int> IngestAsync(IReadOnlyList<CampaignSnapshot> snapshots, CancellationToken cancellationToken)
    {
        var today = Today();
        var byCampaign = snapshots.Select(c => c.Date is null ? c with { Date = today } : c).GroupBy(c => c.Key);
        await ForEachAsync(byCampaign, async group =>
        {
            var grain = grains.GetGrain<ICampaignGrain>(GrainKeys.For(group.Key));
            foreach (var snapshot in group.OrderBy(c => c.Date))
            {
                await grain.UpdateAsync(snapshot);
            }
        }, cancellationToken);
        return snapshots.Count;
    }

    /// <summary>
    /// Hands marketplace events to the SKU grains they are about, in the order they occurred per SKU; a campaign's event
    /// goes to every SKU the campaign's latest snapshot covers.
    /// </summary>
    /// <param name="events">Validated events.</param>
    /// <param name="cancellationToken">Stops starting further SKUs; a SKU already started is finished.</param>
    /// <returns>How many (SKU, event) deliveries the grains took; repeats and SKUs with no snapshot do not count.</returns>
    public async Task<int> IngestAsync(IReadOnlyList<MarketplaceEvent> events, CancellationToken cancellationToken)
    {
        var deliveries = new List<(SkuKey Sku, MarketplaceEvent Event)>();
        foreach (var marketplaceEvent in events)
        {
            if (marketplaceEvent.Sku is { } sku)
            {
                deliveries.Add((sku, marketplaceEvent));
            }
            else if (marketplaceEvent.Campaign is { } campaign
                && await grains.GetGrain<ICampaignGrain>(GrainKeys.For(campaign)).GetAsync() is { } view)
            {
                deliveries.AddRange(view.Snapshot.Skus.Select(s => (new SkuKey(campaign.Marketplace, campaign.ShopId, s), marketplaceEvent)));
            }
        }

        // One call per SKU with all of its events: the grain writes at most once for them.
        var taken = 0;
        await ForEachAsync(deliveries.GroupBy(d => d.Sku), async group =>
        {
            var count = await grains.GetGrain<ISkuGrain>(GrainKeys.For(group.Key)).OnEventsAsync([.. group.Select(d => d.Event)]);
            Interlocked.Add(ref taken, count);
        }, cancellationToken);
        return taken;
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    // Grain calls get no token: once a SKU's update has started it completes, so nothing accepted is half-applied.
    private static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            items,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelGrainCalls, CancellationToken = cancellationToken },
            async (item, _) => await body(item));
}
