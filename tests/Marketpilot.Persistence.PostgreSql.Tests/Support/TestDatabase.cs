using Npgsql;

namespace Marketpilot.Persistence.PostgreSql.Tests.Support;

/// <summary>
/// A database of its own on the server named by <c>MARKETPILOT_TEST_POSTGRES</c>, dropped afterwards; the test is
/// reported as skipped when the variable is not set.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Variable = "MARKETPILOT_TEST_POSTGRES";

    private readonly string _server;

    private TestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 30 }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public PostgreSqlStorageOptions Options => new() { ConnectionString = ConnectionString };

    /// <summary>The server's connection string, or a skip naming the variable.</summary>
    public static string Server()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        Skip.If(string.IsNullOrWhiteSpace(server), $"{Variable} is not set: this test needs a PostgreSQL server and did not run.");
        return server!;
    }

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase(Server(), $"mp_test_{Guid.NewGuid():N}");
        await database.AdminAsync($"CREATE DATABASE {database.Name};");
        return database;
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync() => await AdminAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE);");

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
