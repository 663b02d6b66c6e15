using Marketpilot.Persistence.PostgreSql;
using Marketpilot.Persistence.Sqlite;

namespace Marketpilot.Host.Hosting;

/// <summary>Chooses the silo's clustering and storage from <c>Marketpilot:Cluster:Mode</c>.</summary>
public static class ClusterSiloBuilderExtensions
{
    /// <summary>
    /// <see cref="ClusterMode.Embedded"/> (the default): localhost clustering and the SQLite file <paramref name="databasePath"/>,
    /// with group-commit options from <c>Marketpilot:Storage</c>. <see cref="ClusterMode.PostgreSql"/>: the cluster on
    /// PostgreSQL as <c>Marketpilot:Cluster</c> says (<see cref="PostgreSqlClusterOptions"/>), checked here so a bad value
    /// stops startup naming its key.
    /// </summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="databasePath">The embedded store's file.</param>
    /// <returns>The same builder.</returns>
    public static ISiloBuilder UseMarketpilotClusterMode(this ISiloBuilder silo, IConfiguration configuration, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(PostgreSqlClusterOptions.SectionName);
        if (section.GetValue("Mode", ClusterMode.Embedded) == ClusterMode.Embedded)
        {
            return silo
                .UseLocalhostClustering()
                .AddMarketpilotSqlite(databasePath, storage => configuration.GetSection(MarketpilotApplication.StorageSection).Bind(storage));
        }

        return silo.UseMarketpilotPostgreSqlCluster(section.Get<PostgreSqlClusterOptions>() ?? new());
    }
}
