using Microsoft.Extensions.Logging;

namespace Marketpilot.Persistence.PostgreSql;

/// <summary>
/// Creates or upgrades the schema as the silo starts, before Orleans' membership and reminder providers read their
/// stored queries; an unreachable server stops startup here, with the server named and no credentials.
/// </summary>
internal sealed class PostgreSqlSchemaStartup(PostgreSqlStorageOptions options) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgreSqlSchemaStartup), ServiceLifecycleStage.First, EnsureCreatedAsync);

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var database = PostgreSqlDatabase.For(options);
        try
        {
            await database.EnsureCreatedAsync().WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException)
        {
            throw new PostgreSqlUnavailableException(database.Description, exception);
        }
    }
}
