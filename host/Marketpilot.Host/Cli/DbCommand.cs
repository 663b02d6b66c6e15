using System.CommandLine;
using Marketpilot.Persistence.PostgreSql;

namespace Marketpilot.Host.Cli;

/// <summary><c>marketpilot db init</c>: creates or upgrades the cluster's PostgreSQL schema.</summary>
public static class DbCommand
{
    /// <summary>Builds the <c>db</c> command with its verbs.</summary>
    public static Command Create()
    {
        var connectionString = new Option<string>("--connection-string")
        {
            Description = $"The Npgsql connection string; default {PostgreSqlClusterOptions.SectionName}:ConnectionString from appsettings.json or the environment " +
                "(Marketpilot__Cluster__ConnectionString), which keeps the password out of the process list.",
        };
        var init = new Command(
            "init",
            "Create or upgrade every table and stored query of the cluster store (grain state, action log, Orleans membership and reminders) " +
            "in an existing database. Idempotent. Exits 0 when done, 2 without a usable connection string, 7 when the server cannot be reached or refuses.")
        {
            connectionString,
        };
        init.SetAction((parse, cancellationToken) => InitAsync(parse.GetValue(connectionString), cancellationToken));
        return new Command("db", "Manage the PostgreSQL database of a cluster.") { init };
    }

    private static async Task<int> InitAsync(string? connectionString, CancellationToken cancellationToken)
    {
        connectionString ??= CliServices.Configuration()[$"{PostgreSqlClusterOptions.SectionName}:{nameof(PostgreSqlClusterOptions.ConnectionString)}"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync(
                $"No connection string: pass --connection-string or set {PostgreSqlClusterOptions.SectionName}:ConnectionString (environment variable Marketpilot__Cluster__ConnectionString).");
            return ExitCodes.BadInput;
        }

        try
        {
            var database = await PostgreSqlSchemaInitializer.InitializeAsync(connectionString, cancellationToken);
            await Console.Out.WriteLineAsync($"The schema of {database} is at version {PostgreSqlSchemaInitializer.SchemaVersion}: every table and stored query is in place.");
            return ExitCodes.Success;
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return ExitCodes.BadInput;
        }
        catch (PostgreSqlUnavailableException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return ExitCodes.DatabaseUnreachable;
        }
    }
}
