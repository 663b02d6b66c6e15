using Marketpilot.Actions.Guardrails;
using Marketpilot.Grains;
using Marketpilot.Grains.Skus;
using Marketpilot.Persistence.Sqlite;
using Marketpilot.Sdk.Catalog;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketpilot.Host.Backtest;

/// <summary>
/// The history the embedded store kept (the SKU grains' states in the data folder's SQLite file), read through the
/// persistence module without a silo, from a copy, so the store is never written: each SKU's daily counts and daily price, cost, stock and
/// revenue, on its latest snapshot's other fields, with the campaigns as last known; and the guardrails shops were given
/// through the API, which the live host applies instead of the configured defaults.
/// </summary>
public static class StoreHistory
{
    private const int PageSize = 500;

    /// <summary>Reads the days of <paramref name="databasePath"/> that fall in <paramref name="from"/>..<paramref name="to"/>, oldest first.</summary>
    /// <param name="databasePath">The store file (<c>&lt;data&gt;/marketpilot.db</c>).</param>
    /// <param name="shop">Only this shop (<c>marketplace/shopId</c>); every shop when <see langword="null"/>.</param>
    /// <param name="from">The first day, or the earliest recorded.</param>
    /// <param name="to">The last day, or the latest recorded.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The days, and the shops' own guardrails.</returns>
    /// <exception cref="FileNotFoundException">There is no store at <paramref name="databasePath"/>.</exception>
    public static async Task<StoredHistory> ReadAsync(string databasePath, string? shop, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        if (!File.Exists(databasePath))
        {
            throw new FileNotFoundException($"No Marketpilot store at {databasePath}; pass --data with the host's data folder, or --source simulator.", databasePath);
        }

        // Read a consistent copy made through SQLite's backup API from a read-only connection: the host may be running,
        // and opening its file for writing (the storage creates its schema on first use) must not touch it.
        var copy = Path.Combine(Path.GetTempPath(), $"marketpilot-backtest-{Guid.NewGuid():N}.db");
        try
        {
            using (var source = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False"))
            using (var target = new SqliteConnection($"Data Source={copy};Pooling=False"))
            {
                source.Open();
                target.Open();
                source.BackupDatabase(target);
            }

            return await ReadCopyAsync(copy, shop, from, to, cancellationToken);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { copy, copy + "-wal", copy + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static async Task<StoredHistory> ReadCopyAsync(string databasePath, string? shop, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var storage = new SqliteGrainStorage("backtest", new SqliteStorageOptions { DatabasePath = databasePath }, TimeProvider.System, NullLogger<SqliteGrainStorage>.Instance);
        return new StoredHistory(await DaysAsync(storage, shop, from, to, cancellationToken), await ShopGuardrailsAsync(storage, cancellationToken));
    }

    private static async Task<IReadOnlyList<BacktestDay>> DaysAsync(SqliteGrainStorage storage, string? shop, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var snapshots = new List<SkuSnapshot>();
        var campaigns = new Dictionary<string, CampaignSnapshot>(StringComparer.Ordinal);
        GrainId? after = null;
        while (true)
        {
            var page = await storage.ListAsync(SkuGrain.StateName, after, PageSize, cancellationToken);
            foreach (var id in page)
            {
                var key = GrainKeys.ParseSku(id.Key.ToString()!);
                if (shop is not null && $"{key.Marketplace}/{key.ShopId}" != shop)
                {
                    continue;
                }

                var state = new GrainState<SkuState>();
                await storage.ReadStateAsync(SkuGrain.StateName, id, state);
                if (state.State?.Snapshot is { } latest)
                {
                    snapshots.AddRange(DailySnapshots(latest, state.State!, from, to));
                    foreach (var campaign in state.State!.Campaigns.Values)
                    {
                        campaigns[$"{campaign.Marketplace}/{campaign.ShopId}/{campaign.CampaignId}"] = campaign;
                    }
                }
            }

            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1];
        }

        IReadOnlyList<CampaignSnapshot> known = [.. campaigns.Values];
        return [.. snapshots.GroupBy(s => s.Date!.Value).OrderBy(g => g.Key).Select(g => new BacktestDay(g.Key, [.. g], known))];
    }

    // The guardrails set through PUT .../guardrails, by shop key; a shop that never had its own is not listed.
    private static async Task<IReadOnlyDictionary<string, GuardrailSettings>> ShopGuardrailsAsync(SqliteGrainStorage storage, CancellationToken cancellationToken)
    {
        var guardrails = new Dictionary<string, GuardrailSettings>(StringComparer.Ordinal);
        GrainId? after = null;
        while (true)
        {
            var page = await storage.ListAsync(ShopGuardrailsGrain.StateName, after, PageSize, cancellationToken);
            foreach (var id in page)
            {
                var state = new GrainState<ShopGuardrailsState>();
                await storage.ReadStateAsync(ShopGuardrailsGrain.StateName, id, state);
                if (state.State?.Settings is { } own)
                {
                    guardrails[id.Key.ToString()!] = own;
                }
            }

            if (page.Count < PageSize)
            {
                return guardrails;
            }

            after = page[^1];
        }
    }

    private static IEnumerable<SkuSnapshot> DailySnapshots(SkuSnapshot latest, SkuState state, DateOnly? from, DateOnly? to)
    {
        var values = state.Days.ToDictionary(d => d.Date);
        foreach (var day in state.History)
        {
            if ((from is { } f && day.Date < f) || (to is { } t && day.Date > t))
            {
                continue;
            }

            var value = values.GetValueOrDefault(day.Date);
            yield return latest with
            {
                Date = day.Date,
                Impressions = day.Impressions,
                Clicks = day.Clicks,
                AddToCart = day.AddToCart,
                Orders = day.Orders,
                Returns = day.Returns,
                Price = value?.Price ?? latest.Price,
                Cost = value?.Cost ?? latest.Cost,
                Stock = value?.Stock ?? latest.Stock,
                Revenue = value?.Revenue,
            };
        }
    }
}
