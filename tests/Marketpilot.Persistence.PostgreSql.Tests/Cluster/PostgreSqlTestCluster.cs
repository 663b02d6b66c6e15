using Marketpilot.Grains.Serialization;
using Marketpilot.Persistence.PostgreSql.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Marketpilot.Persistence.PostgreSql.Tests.Cluster;

/// <summary>
/// An Orleans TestingHost cluster whose silos use this module as the application does: ADO.NET membership and reminders
/// with the stored queries of <see cref="OrleansAdoNetSchema"/>, and PostgreSQL grain storage. The client finds its
/// gateways through the same membership table. Probes are short so a dead silo is declared dead within seconds.
/// </summary>
public static class PostgreSqlTestCluster
{
    private const string ConnectionStringKey = "TestPostgreSql";

    public static async Task<TestCluster> StartAsync(TestDatabase database, short silos)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        builder.ConfigureHostConfiguration(configuration =>
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { [ConnectionStringKey] = database.ConnectionString }));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            var storage = new PostgreSqlStorageOptions { ConnectionString = siloBuilder.Configuration[ConnectionStringKey]! };

            // The Marketpilot grains in the referenced assemblies carry SDK types.
            siloBuilder.Services.AddSerializer(serializer => serializer.AddMarketpilotSdkJson());
            siloBuilder
                .UsePostgreSqlClustering(storage)
                .AddMarketpilotPostgreSql(options => options.ConnectionString = storage.ConnectionString)
                .Configure<ClusterMembershipOptions>(membership =>
                {
                    membership.ProbeTimeout = TimeSpan.FromSeconds(1);
                    membership.NumMissedProbesLimit = 2;
                });
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder)
        {
            clientBuilder.Services.AddSerializer(serializer => serializer.AddMarketpilotSdkJson());
            clientBuilder.UseAdoNetClustering(clustering =>
            {
                clustering.Invariant = PostgreSqlSiloBuilderExtensions.Invariant;
                clustering.ConnectionString = configuration[ConnectionStringKey];
            });
        }
    }
}
