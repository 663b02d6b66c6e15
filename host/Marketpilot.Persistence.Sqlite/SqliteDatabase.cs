using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Marketpilot.Persistence.Sqlite;

/// <summary>Opens connections to one SQLite file in WAL mode and creates or upgrades its schema (<see cref="SqliteSchema"/>) once.</summary>
internal sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;
    private readonly Lock _gate = new();
    private Task? _created;

    private static readonly ConcurrentDictionary<string, SqliteDatabase> Shared = new(StringComparer.Ordinal);

    /// <summary>The one instance for the file of <paramref name="options"/>, so the stores sharing a file create its schema once.</summary>
    public static SqliteDatabase For(SqliteStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath);
        return Shared.GetOrAdd($"{Path.GetFullPath(options.DatabasePath)}|{options.BusyTimeoutMilliseconds}", _ => new SqliteDatabase(options));
    }

    private SqliteDatabase(SqliteStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath);

        DatabasePath = Path.GetFullPath(options.DatabasePath);
        _busyTimeoutMilliseconds = options.BusyTimeoutMilliseconds;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(30, options.BusyTimeoutMilliseconds / 1000),
        }.ToString();
    }

    public string DatabasePath { get; }

    public Task EnsureCreatedAsync()
    {
        lock (_gate)
        {
            // A failed attempt (file locked, folder not yet writable) is retried on the next call.
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = CreateSchemaAsync();
            }

            return _created;
        }
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync().WaitAsync(cancellationToken);
        return await OpenConnectionAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();

            // busy_timeout is per connection; synchronous=FULL makes every commit durable before it returns.
            pragma.CommandText = $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds}; PRAGMA synchronous = FULL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task CreateSchemaAsync()
    {
        var folder = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        // WAL is a property of the file: readers never block the writer and a torn write never reaches the database.
        await using var connection = await OpenConnectionAsync(CancellationToken.None);
        await SqliteSchema.CreateAsync(connection);
    }
}
