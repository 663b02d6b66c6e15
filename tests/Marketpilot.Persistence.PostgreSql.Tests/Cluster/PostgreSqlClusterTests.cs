using Marketpilot.Persistence.PostgreSql.Tests.Support;
using Orleans.TestingHost;

namespace Marketpilot.Persistence.PostgreSql.Tests.Cluster;

/// <summary>Three silos of Orleans' TestingHost on one PostgreSQL database, through the real ADO.NET providers and this module's storage.</summary>
public sealed class PostgreSqlClusterTests : DatabaseTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public async Task ThreeSilosJoinThroughTheMembershipTableAndShareGrainState()
    {
        await using var cluster = await PostgreSqlTestCluster.StartAsync(Database, 3);
        var probes = Enumerable.Range(0, 12).Select(i => cluster.GrainFactory.GetGrain<IClusterProbeGrain>($"probe-{i}")).ToList();

        foreach (var probe in probes)
        {
            await probe.IncrementAsync();
        }

        Assert.Equal(3L, await Database.ScalarAsync<long>("SELECT count(*) FROM orleans_membership WHERE status = 3;"));
        Assert.Equal(12L, await Database.ScalarAsync<long>("SELECT count(*) FROM grain_state WHERE payload IS NOT NULL;"));
        Assert.True((await Task.WhenAll(probes.Select(p => p.SiloAsync()))).Distinct().Count() > 1, "every grain ran on one silo");
    }

    [SkippableFact]
    public async Task AReminderIsStoredInPostgreSqlAndFires()
    {
        await using var cluster = await PostgreSqlTestCluster.StartAsync(Database, 3);
        var probe = cluster.GrainFactory.GetGrain<IClusterProbeGrain>("reminded");

        await probe.RemindAsync();

        Assert.Equal(1L, await Database.ScalarAsync<long>("SELECT count(*) FROM orleans_reminders WHERE reminder_name = 'probe';"));
        await EventuallyAsync(async () => await probe.TicksAsync() >= 1, "the reminder to fire");
    }

    [SkippableFact]
    public async Task AKilledSiloIsDeclaredDeadAndItsGrainsResumeFromStorageElsewhere()
    {
        await using var cluster = await PostgreSqlTestCluster.StartAsync(Database, 3);
        var (probe, victim) = await ProbeOnSecondarySiloAsync(cluster);
        await probe.IncrementAsync();

        await cluster.KillSiloAsync(victim);

        var address = victim.SiloAddress.Endpoint;
        await EventuallyAsync(
            async () => await Database.ScalarAsync<long>($"SELECT count(*) FROM orleans_membership WHERE port = {address.Port} AND status = 6;") == 1,
            "the killed silo to be declared dead");
        Assert.Equal(2, await probe.IncrementAsync());
        Assert.NotEqual(victim.SiloAddress.ToParsableString(), await probe.SiloAsync());
    }

    // The primary silo hosts the client's first gateway; kill another so the test's own calls keep a way in.
    private static async Task<(IClusterProbeGrain Probe, SiloHandle Silo)> ProbeOnSecondarySiloAsync(TestCluster cluster)
    {
        var secondaries = cluster.SecondarySilos.ToDictionary(s => s.SiloAddress.ToParsableString());
        for (var i = 0; ; i++)
        {
            var probe = cluster.GrainFactory.GetGrain<IClusterProbeGrain>($"victim-{i}");
            if (secondaries.TryGetValue(await probe.SiloAsync(), out var silo))
            {
                return (probe, silo);
            }
        }
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            await Task.Delay(200, deadline.Token).ContinueWith(t => Assert.False(t.IsCanceled, $"Gave up waiting for {what} after {Patience}."), TaskScheduler.Default);
        }
    }
}
