using Marketpilot.Persistence.PostgreSql.Tests.Support;
using Npgsql;

namespace Marketpilot.Persistence.PostgreSql.Tests.Schema;

/// <summary>One schema, created or upgraded idempotently, whoever runs it and however many at once.</summary>
public sealed class PostgreSqlSchemaTests : DatabaseTest
{
    [SkippableFact]
    public async Task CreatingTheSchemaAgainKeepsEveryRowAndStoresEveryOrleansQuery()
    {
        await using var source = NpgsqlDataSource.Create(Database.ConnectionString);
        await PostgreSqlSchema.CreateAsync(source, CancellationToken.None);
        await Database.ExecuteAsync("INSERT INTO grain_state (state_name, grain_id, version, payload, updated_at) VALUES ('sku', 'k', 3, '{}', now());");

        await PostgreSqlSchema.CreateAsync(source, CancellationToken.None);

        Assert.Equal(3L, await Database.ScalarAsync<long>("SELECT version FROM grain_state;"));
        Assert.Equal((long)OrleansAdoNetSchema.Queries.Count, await Database.ScalarAsync<long>("SELECT count(*) FROM OrleansQuery;"));
        Assert.Equal(PostgreSqlSchema.Version, await Database.ScalarAsync<int>("SELECT version FROM marketpilot_schema;"));
    }

    [SkippableFact]
    public async Task SilosUpgradingAnEmptyDatabaseAtOnceDoNotCollide()
    {
        await using var source = NpgsqlDataSource.Create(Database.ConnectionString);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgreSqlSchema.CreateAsync(source, CancellationToken.None))));

        Assert.Equal(1L, await Database.ScalarAsync<long>("SELECT count(*) FROM marketpilot_schema;"));
    }

    [SkippableFact]
    public async Task AStoredQueryAnOlderVersionWroteIsReplaced()
    {
        await using var source = NpgsqlDataSource.Create(Database.ConnectionString);
        await PostgreSqlSchema.CreateAsync(source, CancellationToken.None);
        await Database.ExecuteAsync("UPDATE OrleansQuery SET QueryText = 'SELECT 1' WHERE QueryKey = 'GatewaysQueryKey';");

        await PostgreSqlSchema.CreateAsync(source, CancellationToken.None);

        Assert.Equal(OrleansAdoNetSchema.Queries["GatewaysQueryKey"], await Database.ScalarAsync<string>("SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'GatewaysQueryKey';"));
    }
}
