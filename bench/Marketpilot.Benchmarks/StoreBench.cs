using System.Diagnostics;
using System.Globalization;
using Marketpilot.Grains.Skus;
using Marketpilot.Persistence.Sqlite;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketpilot.Benchmarks;

/// <summary>
/// The embedded store alone: <see cref="SqliteGrainStorage"/> writing SKU states (a snapshot, 30 days of history and
/// seven rule states, as under the sample rules) from many concurrent writers, durably (<c>synchronous=FULL</c>), with
/// and without group commit. <c>MaxWritesPerFlush=1</c> is one fsynced transaction per write, as before issue 13.
/// </summary>
public static class StoreBench
{
    public static async Task RunAsync(int writers, int seconds)
    {
        Console.WriteLine($"store: {writers} concurrent writers of distinct SKU states, {seconds} s each, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine("| MaxWritesPerFlush | FlushDelayMilliseconds | writes/s | p50 write | p99 write |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
        foreach (var (max, delay) in new[] { (1, 0), (256, 0), (256, 1), (256, 2) })
        {
            var folder = Path.Combine(Path.GetTempPath(), "marketpilot-store-bench", Guid.NewGuid().ToString("N"));
            var storage = new SqliteGrainStorage(
                "bench",
                new SqliteStorageOptions { DatabasePath = Path.Combine(folder, "marketpilot.db"), MaxWritesPerFlush = max, FlushDelayMilliseconds = delay },
                TimeProvider.System,
                NullLogger<SqliteGrainStorage>.Instance);
            await RunWritersAsync(storage, writers, TimeSpan.FromSeconds(2));
            var (count, latencies) = await RunWritersAsync(storage, writers, TimeSpan.FromSeconds(seconds));
            latencies.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {max} | {delay} | {count / (double)seconds:N0} | {latencies[latencies.Count / 2]:F1} ms | {latencies[(int)(latencies.Count * 0.99)]:F1} ms |"));
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(long Count, List<double> Latencies)> RunWritersAsync(SqliteGrainStorage storage, int writers, TimeSpan duration)
    {
        var until = DateTime.UtcNow + duration;
        var count = 0L;
        var latencies = new List<double>();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var state = new GrainState<SkuState>(State(writer));
            var grain = GrainId.Create("sku", $"ozon/bench/S-{writer:D5}");
            await storage.ReadStateAsync(SkuGrain.StateName, grain, state);
            state.State = State(writer);
            var mine = new List<double>();
            while (DateTime.UtcNow < until)
            {
                state.State!.UpdatedAt = DateTimeOffset.UtcNow;
                var started = Stopwatch.GetTimestamp();
                await storage.WriteStateAsync(SkuGrain.StateName, grain, state);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            Interlocked.Add(ref count, mine.Count);
            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        })));
        return (count, latencies);
    }

    private static SkuState State(int i)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var state = new SkuState
        {
            Snapshot = new SkuSnapshot
            {
                Marketplace = "ozon", ShopId = "bench", Sku = $"S-{i:D5}", Title = $"Bench item {i}", Category = "bench",
                Price = 200m, Cost = 100m, Stock = 50, AvgDailyDemand = 1.5, Impressions = 1000, Clicks = 40, AddToCart = 6, Orders = 2, Date = today,
            },
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        state.History.AddRange(Enumerable.Range(0, 30).Select(d => new DailyMetrics(today.AddDays(d - 29), 1000, 40, 6, 2, 0)));
        foreach (var rule in new[] { "conversion-drop", "min-margin", "out-of-stock-ads", "returns-alert", "stock-guard", "unprofitable-ads", "weak-card" })
        {
            state.Rules.Set(new RuleState { RuleId = rule, RuleVersion = "v1", LastRunAt = DateTimeOffset.UtcNow, LastOutcome = RuleOutcome.NoAction });
        }

        return state;
    }
}
