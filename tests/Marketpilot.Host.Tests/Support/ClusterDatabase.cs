using Npgsql;

namespace Marketpilot.Host.Tests.Support;

/// <summary>
/// A database of its own on the PostgreSQL server named by <c>MARKETPILOT_TEST_POSTGRES</c>, dropped on dispose. Creating
/// one skips the test, reported as Skipped, when the variable is not set.
/// </summary>
public sealed class ClusterDatabase : IAsyncDisposable
{
    private const string Variable = "MARKETPILOT_TEST_POSTGRES";
    private readonly string _server;

    private ClusterDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 20 }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<ClusterDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        Skip.If(string.IsNullOrWhiteSpace(server), $"{Variable} is not set: this test needs a PostgreSQL server and did not run.");
        var database = new ClusterDatabase(server!, $"mp_host_test_{Guid.NewGuid():N}");
        await database.AdminAsync($"CREATE DATABASE {database.Name};");
        return database;
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE);");
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
