using System.Diagnostics;
using System.Globalization;

namespace Marketpilot.Benchmarks;

/// <summary>
/// Issue 13: what an active SKU grain costs in memory. Starts the real host (embedded SQLite, the sample rules, sync off)
/// and activates SKU grains step by step with their first snapshot, reading the host's resident memory after each step;
/// then, on a fresh host, gives a smaller set of SKUs a month of daily history to price each stored day.
/// </summary>
/// <remarks>
/// <c>memory &lt;marketpilot.dll&gt; [--skus 1000000] [--step 100000] [--history-skus 10000] [--days 30] [--idle minutes] [-- host arguments]</c>.
/// Every SKU posted stays active for the whole run: Orleans deactivates a grain only after it has been idle for its
/// collection age, longer than a step takes. With <c>--idle</c> the first host is then left alone that long, its active
/// grains and resident memory read every 30 s, to watch idle grains deactivate.
/// </remarks>
public static class MemoryProbe
{
    private const int BatchSize = 100;
    private const int Clients = 8;

    public static async Task RunAsync(string[] args)
    {
        var (skus, step, historySkus, days, idleMinutes, hostArguments) = Parse(args);
        var settings = LoadSettings.Parse([args[0], "--", .. hostArguments]);
        Console.WriteLine($"memory: host {settings.HostDll}, scripts {settings.ScriptsPath}, {skus:N0} SKUs in steps of {step:N0}; then {historySkus:N0} SKUs x {days} days; started {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

        await WithHostAsync(settings, async host =>
        {
            var before = await SettledResidentBytesAsync(host);
            Console.WriteLine($"idle host: {Mb(before)} MB resident");
            Console.WriteLine("| active SKU grains | host resident | per SKU since the start | per SKU in this step | first writes/s in this step |");
            Console.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
            var previous = before;
            for (var done = 0; done < skus; done += step)
            {
                var stopwatch = Stopwatch.StartNew();
                await PostAsync(host, Enumerable.Range(done, Math.Min(step, skus - done)), date: null);
                var rate = Math.Min(step, skus - done) / stopwatch.Elapsed.TotalSeconds;
                var now = await SettledResidentBytesAsync(host);
                var active = Math.Min(done + step, skus);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {active:N0} | {Mb(now):N0} MB | {(now - before) / (double)active:N0} B | {(now - previous) / (double)Math.Min(step, skus - done):N0} B | {rate:N0} |"));
                previous = now;
            }

            // Left alone, grains idle longer than the collection age are deactivated (Marketpilot:Grains:CollectionAge).
            if (idleMinutes > 0)
            {
                Console.WriteLine("| idle for | active grains (orleans_catalog_activations) | host resident |");
                Console.WriteLine("| ---: | ---: | ---: |");
                var idleSince = Stopwatch.StartNew();
                while (idleSince.Elapsed < TimeSpan.FromMinutes(idleMinutes))
                {
                    var active = await host.MetricAsync("orleans_catalog_activations");
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {idleSince.Elapsed.TotalMinutes:F1} min | {active:N0} | {Mb(host.ResidentBytes()):N0} MB |"));
                    await Task.Delay(TimeSpan.FromSeconds(30));
                }
            }
        });

        await WithHostAsync(settings, async host =>
        {
            var before = await SettledResidentBytesAsync(host);
            var first = new DateOnly(2026, 10, 1);
            var oneDay = 0L;
            for (var day = 0; day < days; day++)
            {
                await PostAsync(host, Enumerable.Range(0, historySkus), first.AddDays(day));
                if (day == 0)
                {
                    oneDay = await SettledResidentBytesAsync(host);
                }
            }

            var all = await SettledResidentBytesAsync(host);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"history: {historySkus:N0} SKUs, 1 day {(oneDay - before) / (double)historySkus:N0} B per SKU, {days} days {(all - before) / (double)historySkus:N0} B per SKU: {(all - oneDay) / (double)historySkus / Math.Max(1, days - 1):N0} B per stored day"));
        });
    }

    private static async Task WithHostAsync(LoadSettings settings, Func<LoadHost, Task> run)
    {
        var data = Path.Combine(Path.GetTempPath(), "marketpilot-memory", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        await using (var host = await LoadHost.StartAsync(settings, data))
        {
            await run(host);
        }

        Directory.Delete(data, recursive: true);
    }

    // Clients take 100-item batches of the given SKUs in turn.
    private static async Task PostAsync(LoadHost host, IEnumerable<int> skus, DateOnly? date)
    {
        var batches = new Queue<int[]>(skus.Chunk(BatchSize));
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                int[] batch;
                lock (batches)
                {
                    if (!batches.TryDequeue(out batch!))
                    {
                        return;
                    }
                }

                await host.PostAsync(LoadDriver.Body(batch, variant: 0, date));
            }
        })));
    }

    // Resident memory once the host has been idle a few seconds (its GC has run and the write queue drained).
    private static async Task<long> SettledResidentBytesAsync(LoadHost host)
    {
        await Task.Delay(TimeSpan.FromSeconds(5));
        return host.ResidentBytes();
    }

    private static long Mb(long bytes) => bytes / (1024 * 1024);

    private static (int Skus, int Step, int HistorySkus, int Days, int IdleMinutes, string[] HostArguments) Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException("usage: memory <marketpilot.dll> [--skus 1000000] [--step 100000] [--history-skus 10000] [--days 30] [--idle minutes] [-- host arguments]");
        }

        var (skus, step, historySkus, days, idle) = (1_000_000, 100_000, 10_000, 30, 0);
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--skus": skus = Int(args[++i]); break;
                case "--step": step = Int(args[++i]); break;
                case "--history-skus": historySkus = Int(args[++i]); break;
                case "--days": days = Int(args[++i]); break;
                case "--idle": idle = Int(args[++i]); break;
                case "--": return (skus, step, historySkus, days, idle, args[(i + 1)..]);
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }

        return (skus, step, historySkus, days, idle, []);
    }

    private static int Int(string value) => int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
}
