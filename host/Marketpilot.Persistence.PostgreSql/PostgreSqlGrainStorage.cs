using System.Globalization;
using System.Text.Json;
using Marketpilot.Actions;
using Marketpilot.Grains.Storage;
using Marketpilot.Sdk.Serialization;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Storage;

namespace Marketpilot.Persistence.PostgreSql;

/// <summary>
/// Grain storage in PostgreSQL, shared by every silo of a cluster: one row of table <c>grain_state</c> per (state name,
/// grain id) holding the state as JSON and a version that is the ETag.
/// </summary>
/// <remarks>
/// Every write and clear is one transaction whose statement succeeds only if the stored version still equals the
/// caller's ETag; otherwise <see cref="InconsistentStateException"/> is thrown and nothing of that write changes, which
/// is what keeps two activations of one grain (briefly possible while a dead silo is being declared dead) from
/// overwriting each other. A state that is an <see cref="IActionOutboxCarrier"/> has its outbox records inserted into
/// <c>action_log</c> in the same transaction. Writes go through <see cref="PostgreSqlWriteQueue"/>: concurrent grains'
/// writes share one transaction (group commit), and a write is acknowledged after that commit, which is durable with the
/// server's default <c>synchronous_commit = on</c>. A clear keeps the row as a tombstone (no payload, version bumped) so
/// versions never repeat.
/// </remarks>
public sealed partial class PostgreSqlGrainStorage : IGrainStorage, IGrainStateDirectory, ILifecycleParticipant<ISiloLifecycle>
{
    private const string ClearSql = """
        UPDATE grain_state SET version = version + 1, payload = NULL, updated_at = @now
        WHERE state_name = @state AND grain_id = @grain AND version = @version
        RETURNING version;
        """;

    private const string CurrentVersionSql = "SELECT version, payload IS NOT NULL FROM grain_state WHERE state_name = @state AND grain_id = @grain;";

    private readonly string _name;
    private readonly PostgreSqlDatabase _database;
    private readonly PostgreSqlWriteQueue _writes;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<PostgreSqlGrainStorage> _logger;

    /// <summary>Creates the storage; nothing reaches the server until the silo starts or the first call.</summary>
    /// <param name="name">The provider name, used in logs.</param>
    /// <param name="options">Which database.</param>
    /// <param name="timeProvider">The clock for <c>updated_at</c>.</param>
    /// <param name="logger">The logger.</param>
    public PostgreSqlGrainStorage(string name, PostgreSqlStorageOptions options, TimeProvider timeProvider, ILogger<PostgreSqlGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        _name = name;
        _database = PostgreSqlDatabase.For(options);
        _writes = new PostgreSqlWriteQueue(_database, options, logger);
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc/>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand("SELECT version, payload FROM grain_state WHERE state_name = @state AND grain_id = @grain;", connection);
        AddKey(command, stateName, grainId);

        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var payload = reader.IsDBNull(1) ? null : reader.GetString(1);
        grainState.ETag = ToETag(reader.GetInt64(0));
        grainState.RecordExists = payload is not null;
        grainState.State = payload is null
            ? Activator.CreateInstance<T>()
            : JsonSerializer.Deserialize<T>(payload, MarketpilotJson.Options) ?? Activator.CreateInstance<T>();
    }

    /// <inheritdoc/>
    /// <remarks>The outbox of an <see cref="IActionOutboxCarrier"/> is emptied and the ETag advanced only after the commit.</remarks>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = JsonSerializer.Serialize(grainState.State, MarketpilotJson.Options);
        var outbox = grainState.State is IActionOutboxCarrier { Outbox.Count: > 0 } carrier ? carrier.Outbox : null;
        var expected = grainState.ETag;
        var write = new PostgreSqlGrainWrite(stateName, grainId.ToString(), expected is null ? null : ParseETag(expected), payload, outbox?.ToList(), _timeProvider.GetUtcNow());

        var written = await _writes.WriteAsync(write);
        if (written is null)
        {
            await using var connection = await _database.OpenAsync(CancellationToken.None);
            throw await ConflictAsync(connection, "write", stateName, grainId, expected);
        }

        outbox?.Clear();
        grainState.ETag = ToETag(written.Value);
        grainState.RecordExists = true;
    }

    /// <inheritdoc/>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        if (grainState.ETag is null)
        {
            // Nothing was read or written: clearing is a no-op unless a live record exists that the caller never saw.
            var current = await CurrentVersionAsync(connection, stateName, grainId);
            if (current is { HasPayload: true })
            {
                throw Conflict("clear", stateName, grainId, null, ToETag(current.Value.Version));
            }

            grainState.ETag = current is { } tombstone ? ToETag(tombstone.Version) : null;
        }
        else
        {
            await using var command = new NpgsqlCommand(ClearSql, connection);
            AddKey(command, stateName, grainId);
            command.Parameters.AddWithValue("version", ParseETag(grainState.ETag));
            command.Parameters.AddWithValue("now", _timeProvider.GetUtcNow());
            var cleared = await command.ExecuteScalarAsync() ?? throw await ConflictAsync(connection, "clear", stateName, grainId, grainState.ETag);
            grainState.ETag = ToETag((long)cleared);
        }

        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<GrainId>> ListAsync(string stateName, GrainId? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        await using var connection = await _database.OpenAsync(cancellationToken);

        // Keyset paging over the primary key (grain_id is COLLATE "C": ordinal, as in the embedded store).
        await using var command = new NpgsqlCommand("""
            SELECT grain_id FROM grain_state
            WHERE state_name = @state AND grain_id > @after AND payload IS NOT NULL
            ORDER BY grain_id LIMIT @limit;
            """, connection);
        command.Parameters.AddWithValue("state", stateName);
        command.Parameters.AddWithValue("after", after?.ToString() ?? string.Empty);
        command.Parameters.AddWithValue("limit", limit);

        var page = new List<GrainId>(Math.Min(limit, 1024));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(GrainId.Parse(reader.GetString(0), CultureInfo.InvariantCulture));
        }

        return page;
    }

    /// <summary>Creates or upgrades the schema when the silo starts, so an unreachable server stops startup instead of the first grain call.</summary>
    /// <param name="lifecycle">The silo lifecycle.</param>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(PostgreSqlGrainStorage)}-{_name}", ServiceLifecycleStage.ApplicationServices, InitializeAsync);

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _database.EnsureCreatedAsync().WaitAsync(cancellationToken);
        LogInitialized(_name, _database.Description);
    }

    private static void AddKey(NpgsqlCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue("state", stateName);
        command.Parameters.AddWithValue("grain", grainId.ToString());
    }

    private static async Task<(long Version, bool HasPayload)?> CurrentVersionAsync(NpgsqlConnection connection, string stateName, GrainId grainId)
    {
        await using var command = new NpgsqlCommand(CurrentVersionSql, connection);
        AddKey(command, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt64(0), reader.GetBoolean(1)) : null;
    }

    private async Task<InconsistentStateException> ConflictAsync(NpgsqlConnection connection, string operation, string stateName, GrainId grainId, string? expected)
    {
        var current = await CurrentVersionAsync(connection, stateName, grainId);
        return Conflict(operation, stateName, grainId, expected, current is { } c ? ToETag(c.Version) : null);
    }

    private InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? expected, string? current)
    {
        LogConflict(_name, operation, stateName, grainId, expected, current);
        return new InconsistentStateException(
            $"Version conflict on {operation} of state '{stateName}' for grain {grainId}: expected ETag '{expected}', stored ETag '{current}'.",
            current,
            expected);
    }

    private static string ToETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static long ParseETag(string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL grain storage {Provider} uses {Database}")]
    private partial void LogInitialized(string provider, string database);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL grain storage {Provider} refused a stale {Operation} of {StateName} for {GrainId}: ETag {ExpectedETag}, stored {StoredETag}")]
    private partial void LogConflict(string provider, string operation, string stateName, GrainId grainId, string? expectedETag, string? storedETag);
}
