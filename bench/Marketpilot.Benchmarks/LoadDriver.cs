using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Marketpilot.Benchmarks;

/// <summary>
/// Issue 13: starts the real host (embedded SQLite, the sample rules, sync off; or a cluster of silos on PostgreSQL,
/// <see cref="LoadCluster"/>) on a fresh data folder for each SKU count, posts SKU snapshots to <c>POST /api/v1/skus</c> in 100-item batches of distinct SKUs from several
/// concurrent clients, and reports updates per second, batch latency, one 1000-item batch and where the CPU went.
/// </summary>
/// <remarks>
/// Each phase first writes every SKU once (the first write of a grain inserts its row), warms up (the JIT still compiles
/// hundreds of methods a second for the first 40 s or so under load), then measures updates of SKUs that already exist,
/// then times 1000-item batches with no other load. Every 202 counted is durable: that is what the
/// host promises before it answers.
/// </remarks>
public static class LoadDriver
{
    private const int BatchSize = 100;

    public static async Task RunAsync(LoadSettings settings)
    {
        Console.WriteLine($"load: host {settings.HostDll}, scripts {settings.ScriptsPath}, {settings.Clients} clients, {settings.Seconds} s measured after {settings.WarmUpSeconds} s warm-up, {Environment.ProcessorCount} cores, started {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine($"host arguments: {string.Join(' ', settings.HostArguments)}; {(settings.Postgres is null ? "embedded SQLite" : $"{settings.Silos} silo(s) on PostgreSQL")}");
        var rows = new List<string>();
        foreach (var skuCount in settings.SkuCounts)
        {
            // A fresh data folder per phase; kept (with the host's output) only when the phase fails.
            var data = Path.Combine(Path.GetTempPath(), "marketpilot-load", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(data);
            rows.Add(await RunPhaseAsync(settings, skuCount, data));
            Directory.Delete(data, recursive: true);
        }

        Console.WriteLine();
        Console.WriteLine("| distinct SKUs | first write of each SKU | updates/s | batches/s | p50 batch | p99 batch | max batch | 1000-item batch (3 runs) | CPU: host / rule workers / PostgreSQL / driver (cores) | CPU per update (host + workers) | GC paused (share of time, per collection) | actions logged |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: |");
        rows.ForEach(Console.WriteLine);
    }

    private static async Task<string> RunPhaseAsync(LoadSettings settings, int skuCount, string data)
    {
        await using var host = await LoadCluster.StartAsync(settings, data);
        var batches = skuCount / BatchSize;

        var prime = Stopwatch.StartNew();
        var primed = await PostForAsync(host, settings.Clients, batches, TimeSpan.MaxValue, stopAfter: batches);
        var firstWrite = primed.Items / prime.Elapsed.TotalSeconds;
        Console.WriteLine($"{skuCount:N0} SKUs: first write of each SKU {primed.Items:N0} items in {prime.Elapsed.TotalSeconds:F1} s ({firstWrite:N0}/s)");

        await PostForAsync(host, settings.Clients, batches, TimeSpan.FromSeconds(settings.WarmUpSeconds), round: 1);
        var cpuBefore = host.CpuSeconds();
        var gcBefore = await host.GcAsync();
        var driverBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var measured = Stopwatch.StartNew();
        var run = await PostForAsync(host, settings.Clients, batches, TimeSpan.FromSeconds(settings.Seconds), round: 2);
        var seconds = measured.Elapsed.TotalSeconds;
        var cpuAfter = host.CpuSeconds();
        var gcAfter = await host.GcAsync();
        var driver = (Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - driverBefore) / seconds;

        var large = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var first = i * 10 % Math.Max(1, batches - 9);
            var body = Body(Enumerable.Range(first * BatchSize, Math.Min(1000, skuCount)), variant: 100 + i);
            large.Add(await host.PostAsync(0, body));
        }

        var actions = await host.Hosts[0].ActionCountAsync();
        var faults = host.Hosts.SelectMany(h => h.Faults).ToList();
        if (faults.Count > 0)
        {
            // A rule worker replaced mid-run shows as a slow phase and low worker CPU; say so next to the figures.
            Console.WriteLine($"{skuCount:N0} SKUs: the host logged {faults.Count} warnings and errors, the first ones:");
            foreach (var fault in faults.Take(5))
            {
                Console.WriteLine("  " + fault);
            }
        }

        var latencies = run.Latencies.Order().ToArray();
        var updates = run.Items / seconds;
        var hostCores = (cpuAfter.Host - cpuBefore.Host) / seconds;
        var workerCores = (cpuAfter.Workers - cpuBefore.Workers) / seconds;
        var databaseCores = (cpuAfter.Database - cpuBefore.Database) / seconds;

        // The hosts' GC pauses during the measured window: what a p99 over the target is usually made of.
        var collections = gcAfter.Collections - gcBefore.Collections;
        var pauseShare = (gcAfter.PauseSeconds - gcBefore.PauseSeconds) / seconds / host.Hosts.Count;
        var pauseEach = collections == 0 ? 0 : (gcAfter.PauseSeconds - gcBefore.PauseSeconds) * 1000 / collections;

        // CPU time per update holds better than updates/s on a machine shared with other work.
        var cpuPerUpdate = (hostCores + workerCores) * 1e6 / updates;
        Console.WriteLine(
            $"{skuCount:N0} SKUs: {run.Items:N0} updates in {seconds:F1} s = {updates:N0}/s; batch p50 {Percentile(latencies, 0.50):F0} ms, p99 {Percentile(latencies, 0.99):F0} ms, max {latencies[^1]:F0} ms; " +
            $"1000-item batch {string.Join(" / ", large.Select(l => l.ToString("F0", CultureInfo.InvariantCulture)))} ms; CPU cores: host {hostCores:F2}, rule workers {workerCores:F2}, PostgreSQL {databaseCores:F2}, driver {driver:F2} ({cpuPerUpdate:F0} µs per update); GC {collections:F0} collections, {pauseEach:F0} ms each, paused {pauseShare:P0} of the time; {actions:N0} actions logged");
        return string.Create(CultureInfo.InvariantCulture,
            $"| {skuCount:N0} | {firstWrite:N0}/s | {updates:N0} | {run.Latencies.Count / seconds:F0} | {Percentile(latencies, 0.50):F0} ms | {Percentile(latencies, 0.99):F0} ms | {latencies[^1]:F0} ms | {string.Join(" / ", large.Select(l => l.ToString("F0", CultureInfo.InvariantCulture)))} ms | {hostCores:F2} / {workerCores:F2} / {databaseCores:F2} / {driver:F2} | {cpuPerUpdate:F0} µs | {pauseShare:P0}, {pauseEach:F0} ms each | {actions:N0} |");
    }

    private sealed record RunResult(long Items, List<double> Latencies);

    /// <summary>Clients take batches in turn until the time is up or <paramref name="stopAfter"/> batches were sent; batch b holds SKUs b*100 .. b*100+99.</summary>
    private static async Task<RunResult> PostForAsync(LoadCluster host, int clients, int batches, TimeSpan duration, int round = 0, int stopAfter = int.MaxValue)
    {
        var next = -1;
        var items = 0L;
        var latencies = new List<double>();
        var until = duration == TimeSpan.MaxValue ? DateTime.MaxValue : DateTime.UtcNow + duration;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            while (DateTime.UtcNow < until)
            {
                var n = Interlocked.Increment(ref next);
                if (n >= stopAfter)
                {
                    return;
                }

                var batch = n % batches;
                var body = Body(Enumerable.Range(batch * BatchSize, BatchSize), variant: round * 1_000_000 + n / batches);
                var elapsed = await host.PostAsync(client, body);
                lock (latencies)
                {
                    latencies.Add(elapsed);
                }

                Interlocked.Add(ref items, BatchSize);
            }
        })));
        return new RunResult(items, latencies);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>Healthy SKUs (50% margin, a month of stock), so the rules run in full but seldom propose; each variant changes price and stock so every update is a real change.</summary>
    /// <param name="skus">The SKU numbers.</param>
    /// <param name="variant">Varies price and stock.</param>
    /// <param name="date">The day the snapshots are of; today when null.</param>
    internal static string Body(IEnumerable<int> skus, int variant, DateOnly? date = null)
    {
        var dated = date is { } day ? string.Create(CultureInfo.InvariantCulture, $",\"date\":\"{day:yyyy-MM-dd}\"") : string.Empty;
        var json = new StringBuilder(BatchSize * 280).Append('[');
        foreach (var i in skus)
        {
            if (json.Length > 1)
            {
                json.Append(',');
            }

            json.Append(CultureInfo.InvariantCulture,
                $$"""{"marketplace":"ozon","shopId":"load","sku":"L-{{i:D6}}","title":"Load item {{i}}","category":"load","price":{{200 + variant % 7}},"cost":100,"stock":{{50 + variant % 5}},"avgDailyDemand":1.5,"impressions":1000,"clicks":40,"addToCart":6,"orders":2,"returns":0{{dated}}}""");
        }

        return json.Append(']').ToString();
    }
}
