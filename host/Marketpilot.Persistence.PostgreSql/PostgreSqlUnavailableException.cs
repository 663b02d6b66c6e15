namespace Marketpilot.Persistence.PostgreSql;

/// <summary>The PostgreSQL server could not be reached or refused the schema upgrade; the message names the server, never the credentials.</summary>
public sealed class PostgreSqlUnavailableException : Exception
{
    /// <summary>Creates the exception for the server at <paramref name="database"/> (host:port/database).</summary>
    /// <param name="database">Host, port and database.</param>
    /// <param name="innerException">What Npgsql reported.</param>
    public PostgreSqlUnavailableException(string database, Exception innerException)
        : base($"PostgreSQL at {database} is not usable: {Reason(innerException)}", innerException)
    {
        Database = database;
    }

    /// <summary>Host, port and database of the server.</summary>
    public string Database { get; }

    // Npgsql's messages name the host, the error and its SQLSTATE; they never carry the password.
    private static string Reason(Exception exception) => exception switch
    {
        Npgsql.PostgresException postgres => $"{postgres.MessageText} (SQLSTATE {postgres.SqlState})",
        _ => exception.GetBaseException().Message,
    };
}
