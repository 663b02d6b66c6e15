using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Providers;

namespace Marketpilot.Persistence.PostgreSql.Tests.Cluster;

/// <summary>What an operator sets in <c>Marketpilot:Cluster</c> reaches the store it tunes; the silo is built, not started, so no database is needed.</summary>
public sealed class ClusterOptionsWiringTests
{
    [Fact]
    public void TheGroupCommitSettingsReachTheGrainStorageAndTheActionLog()
    {
        var cluster = new PostgreSqlClusterOptions
        {
            ConnectionString = "Host=127.0.0.1;Database=wiring",
            AdvertisedIp = "127.0.0.1",
            CommandTimeoutSeconds = 17,
            CreateSchemaOnStart = false,
            MaxWritesPerFlush = 7,
            ConcurrentFlushes = 3,
        };
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.UseMarketpilotPostgreSqlCluster(cluster));
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptionsMonitor<PostgreSqlStorageOptions>>();
        foreach (var name in new[] { ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, PostgreSqlActionLog.OptionsName })
        {
            var store = options.Get(name);
            Assert.Equal(
                (cluster.ConnectionString, 17, false, 7, 3),
                (store.ConnectionString, store.CommandTimeoutSeconds, store.CreateSchemaOnStart, store.MaxWritesPerFlush, store.ConcurrentFlushes));
        }
    }
}
