using System.Collections.Concurrent;
using Npgsql;

namespace Marketpilot.Persistence.PostgreSql;

/// <summary>
/// One pooled <see cref="NpgsqlDataSource"/> per connection string, shared by the grain storage and the action log, and
/// the schema created or upgraded once per process (<see cref="PostgreSqlSchema"/>).
/// </summary>
internal sealed class PostgreSqlDatabase
{
    private static readonly ConcurrentDictionary<string, PostgreSqlDatabase> Shared = new(StringComparer.Ordinal);

    private readonly Lock _gate = new();
    private readonly bool _createSchema;
    private Task? _created;

    private PostgreSqlDatabase(PostgreSqlStorageOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString) { CommandTimeout = options.CommandTimeoutSeconds };
        DataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        Description = Describe(builder);
        _createSchema = options.CreateSchemaOnStart;
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Host, port and database, without credentials: safe to log.</summary>
    public string Description { get; }

    /// <summary>The one instance for the connection string of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The connection string cannot be parsed; the message names no part of it.</exception>
    public static PostgreSqlDatabase For(PostgreSqlStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException("The PostgreSQL connection string is empty.");
        }

        return Shared.GetOrAdd($"{options.ConnectionString}|{options.CommandTimeoutSeconds}|{options.CreateSchemaOnStart}", _ => Create(options));
    }

    /// <summary>Creates the schema unless the options say <c>db init</c> does it; a failed attempt is tried again on the next call.</summary>
    public Task EnsureCreatedAsync()
    {
        if (!_createSchema)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = PostgreSqlSchema.CreateAsync(DataSource, CancellationToken.None);
            }

            return _created;
        }
    }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync().WaitAsync(cancellationToken);
        return await DataSource.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>Host, port and database of a connection string; never its user or password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username ?? "(default)"}";

    private static PostgreSqlDatabase Create(PostgreSqlStorageOptions options)
    {
        try
        {
            return new PostgreSqlDatabase(options);
        }
        catch (ArgumentException)
        {
            // Npgsql's message quotes the offending part, which may be the password.
            throw new ArgumentException("The PostgreSQL connection string (Marketpilot:Cluster:ConnectionString) is not valid: expected Key=Value pairs such as Host=...;Database=...;Username=...");
        }
    }
}
