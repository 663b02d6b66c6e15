using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Marketpilot.Host.Tests.Support;
using Marketpilot.Persistence.PostgreSql.Tests.Support;
using Xunit.Abstractions;

namespace Marketpilot.Host.Tests;

/// <summary>
/// Three processes of the real executable in cluster mode on a real PostgreSQL, loaded through each silo's API; one is
/// killed with SIGKILL in the middle of the load.
/// </summary>
public sealed class ClusterProcessTests(ITestOutputHelper output)
{
    private const int Rounds = 12;
    private const int BatchSize = 20;
    private const int VictimRoundsBeforeKill = 4;
    private static readonly TimeSpan DeathDeadline = TimeSpan.FromSeconds(60);

    private static readonly string[] Quiet = [.. NoSync.Args, "--Marketpilot:Scripting:Isolation=InProcess"];

    // The simulator's shop as in ExactlyOnceTests; each silo's simulator starts from the same seed, so every silo knows
    // the SKUs. Short plugin calls keep a dead silo's outbox leases short (twice the call timeout plus a minute).
    private static readonly string[] Busy =
        [.. ExactlyOnceTests.Busy, "--Marketpilot:Scripting:Isolation=InProcess", "--Marketpilot:Plugins:Runtime:CallTimeoutMilliseconds=2000"];

    [SkippableFact]
    public async Task AKilledSiloLosesNoAcknowledgedUpdateAndLeavesTheMembership()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var data = new TempFolder();
        await using var cluster = new ClusterSilos(database, data);
        var silos = new List<(HostProcess Host, int SiloPort)>();
        for (var i = 0; i < 3; i++)
        {
            silos.Add(await cluster.StartAsync(Quiet));
        }

        var (victim, victimPort) = silos[2];
        var acknowledged = new ConcurrentDictionary<string, decimal>(StringComparer.Ordinal);
        using var victimLoaded = new SemaphoreSlim(0);

        var load = silos.Select((silo, index) => Task.Run(() => LoadAsync(silo.Host, index, acknowledged, index == 2 ? victimLoaded : null))).ToList();
        // Bounded: a loader that ended early must fail the test, not hang the run.
        Assert.True(await victimLoaded.WaitAsync(TimeSpan.FromMinutes(2)), "the victim silo acknowledged no write within 2 minutes");
        await victim.CrashAsync();
        var killedAt = DateTime.UtcNow;
        await Task.WhenAll(load);
        await victim.EventuallyAsync(
            async () => await database.ScalarAsync<long>($"SELECT count(*) FROM orleans_membership WHERE port = {victimPort} AND status = 6;") == 1 ? default(JsonElement) : null,
            DeathDeadline,
            "the killed silo to be declared dead in orleans_membership");
        output.WriteLine($"{acknowledged.Count} SKU updates acknowledged; the killed silo was declared dead {(DateTime.UtcNow - killedAt).TotalSeconds:0.0} s after the kill");

        var survivor = silos[0].Host;
        var missing = new List<string>();
        foreach (var (sku, price) in acknowledged)
        {
            var response = await survivor.Client.GetAsync($"/api/v1/skus/ozon/shop-1/{sku}");
            var stored = response.StatusCode == HttpStatusCode.OK
                ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("snapshot").GetProperty("price").GetDecimal()
                : (decimal?)null;
            if (stored != price)
            {
                missing.Add($"{sku}: acknowledged {price}, found {stored?.ToString() ?? ((int)response.StatusCode).ToString()}");
            }
        }

        // Batches a survivor sent into the dying silo's grains may go unacknowledged; the rest must have gone through.
        Assert.True(acknowledged.Count >= (VictimRoundsBeforeKill + Rounds) * BatchSize, $"only {acknowledged.Count} updates were acknowledged");
        Assert.Empty(missing);
        Assert.Equal(2L, await database.ScalarAsync<long>("SELECT count(*) FROM orleans_membership WHERE status = 3;"));
    }

    [SkippableFact]
    public async Task EveryApprovedActionIsAppliedOnceWhenASiloDispatchingThemIsKilled()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var data = new TempFolder();
        await using var cluster = new ClusterSilos(database, data);
        var (syncing, _) = await cluster.StartAsync(Busy);
        var (drainer, _) = await cluster.StartAsync([.. Busy, .. NoSync.Args]);
        var (victim, _) = await cluster.StartAsync([.. Busy, .. NoSync.Args]);

        var victimLedger = Path.Combine(data.Path, "silo-2", "simulator", "ledger.jsonl");
        await victim.EventuallyAsync(
            async () => File.Exists(victimLedger) && (await ExactlyOnceTests.ReadLedgerAsync(victimLedger)).Any(l => l.Outcome == "applied") ? default(JsonElement) : null,
            TimeSpan.FromSeconds(120),
            "the victim to apply an action");
        await victim.CrashAsync();
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(0, await syncing.StopAsync());
        await drainer.EventuallyAsync(
            async () => (await drainer.GetJsonAsync<JsonElement>("/api/v1/actions?status=proposed&limit=1")).GetProperty("total").GetInt64() == 0 ? default(JsonElement) : null,
            TimeSpan.FromSeconds(180),
            "the survivors to drain the outbox, the killed silo's leases included");
        var log = await ExactlyOnceTests.ReadLogAsync(drainer);
        var ledgers = new List<List<(string Key, string Outcome)>>();
        for (var i = 0; i < 3; i++)
        {
            var path = Path.Combine(data.Path, $"silo-{i}", "simulator", "ledger.jsonl");
            ledgers.Add(File.Exists(path) ? await ExactlyOnceTests.ReadLedgerAsync(path) : []);
        }

        var approved = log.Where(a => a.Kind != "notify" && a.Status is "applied" or "proposed" or "failed").Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var applies = ledgers.SelectMany((ledger, silo) => ledger.Where(l => l.Outcome == "applied").Select(l => (l.Key, Silo: silo))).ToLookup(a => a.Key, a => a.Silo, StringComparer.Ordinal);
        output.WriteLine($"{log.Count} actions logged, {approved.Count} approved marketplace actions; applied per silo: {string.Join(", ", ledgers.Select(l => l.Count(e => e.Outcome == "applied")))}");

        Assert.True(approved.Count >= 20, $"only {approved.Count} approved actions: the load was too small to prove anything");
        Assert.DoesNotContain(log, a => a.Kind != "notify" && a.Status is "proposed");
        Assert.Empty(approved.Where(id => !applies.Contains(id)).Select(id => $"{id}: never applied"));
        Assert.Empty(applies.Where(a => !approved.Contains(a.Key)).Select(a => $"{a.Key}: applied but not approved in the log"));

        // Each silo's simulator is a marketplace of its own, so a key the killed silo applied and never recorded is sent again
        // by a survivor after its lease: the one case of two applies, which one shared marketplace deduplicates by that key.
        Assert.Empty(applies.Where(a => a.Count() > 1 && !(a.Count() == 2 && a.Contains(2))).Select(a => $"{a.Key}: applied by silos {string.Join(", ", a)}"));
    }

    // Posts batches of new SKUs through one silo. An update that is not answered 202 (a survivor's call into the dying
    // silo's grains) is not acknowledged; the victim's writer stops once it cannot reach its silo.
    private static async Task LoadAsync(HostProcess silo, int index, ConcurrentDictionary<string, decimal> acknowledged, SemaphoreSlim? loaded)
    {
        for (var round = 0; round < Rounds; round++)
        {
            var price = 100m + round;
            var skus = Enumerable.Range(0, BatchSize).Select(i => $"C{index}-{round}-{i}-{Guid.NewGuid():N}"[..24]).ToList();
            try
            {
                var response = await silo.PostJsonAsync("/api/v1/skus", Some.Array([.. skus.Select(sku => Some.Sku(sku, price: price, cost: 50m))]));
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    foreach (var sku in skus)
                    {
                        acknowledged[sku] = price;
                    }
                }
            }
            catch (HttpRequestException) when (loaded is not null)
            {
                return;
            }

            if (round + 1 == VictimRoundsBeforeKill)
            {
                loaded?.Release();
            }
        }
    }
}
