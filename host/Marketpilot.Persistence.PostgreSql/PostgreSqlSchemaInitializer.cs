using Npgsql;

namespace Marketpilot.Persistence.PostgreSql;

/// <summary>Creates or upgrades the whole schema of a database outside a silo (<c>marketpilot db init</c>).</summary>
public static class PostgreSqlSchemaInitializer
{
    /// <summary>The schema version this build creates (table <c>marketpilot_schema</c>).</summary>
    public const int SchemaVersion = PostgreSqlSchema.Version;

    /// <summary>
    /// Creates every missing table, column, index and stored query, and replaces stored queries an older version wrote.
    /// Safe to run again, and while silos run: it takes the same advisory lock they take at start.
    /// </summary>
    /// <param name="connectionString">The Npgsql connection string of the database; it must exist.</param>
    /// <param name="cancellationToken">Cancels the upgrade, which then leaves the database as it was.</param>
    /// <returns>Host, port and database that were initialized (no credentials).</returns>
    /// <exception cref="ArgumentException">The connection string is empty or cannot be parsed; the message quotes none of it.</exception>
    /// <exception cref="PostgreSqlUnavailableException">The server cannot be reached, refuses the login, or refuses a statement.</exception>
    public static async Task<string> InitializeAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var database = PostgreSqlDatabase.For(new PostgreSqlStorageOptions { ConnectionString = connectionString, CreateSchemaOnStart = false });
        try
        {
            await PostgreSqlSchema.CreateAsync(database.DataSource, cancellationToken);
            return database.Description;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            throw new PostgreSqlUnavailableException(database.Description, exception);
        }
    }
}
