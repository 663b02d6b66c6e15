using Marketpilot.Persistence.Sqlite;
using Marketpilot.Actions;
using Marketpilot.Grains.Serialization;
using Marketpilot.Scripting;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Marketpilot.Grains.Tests.Support;

/// <summary>Two silos wired through <see cref="MarketpilotGrainsSiloBuilderExtensions.AddMarketpilotGrains"/> on a temp SQLite file.</summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private readonly TempDatabase _database = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    internal FakeConnector Connector { get; } = new();

    internal FakeRuleRunner Rules { get; } = new();

    public IActionLog ActionLog => Cluster.Silos[0].ServiceProvider.GetRequiredService<IActionLog>();

    public async Task InitializeAsync() => Cluster = await StartClusterAsync(_database.Path, Rules, Connector);

    internal static async Task<InProcessTestCluster> StartClusterAsync(
        string databasePath, IRuleRunner rules, IMarketplaceConnector connector, Action<IServiceCollection>? configure = null)
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMarketpilotGrains().AddMarketpilotSqlite(databasePath);
            silo.Services.AddSingleton(rules);
            silo.Services.AddSingleton(connector);
            configure?.Invoke(silo.Services);
        });
        builder.ConfigureClient(client => client.Services.AddSerializer(serializer => serializer.AddMarketpilotSdkJson()));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _database.Dispose();
    }
}
