using Marketpilot.Sdk.Serialization;
using System.Globalization;
using System.Text.Json;
using Marketpilot.Actions;
using Marketpilot.Grains.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Marketpilot.Persistence.Sqlite;

/// <summary>
/// Grain storage in one SQLite file: one row per (state name, grain id) holding the state as JSON and a version
/// that is the ETag.
/// </summary>
/// <remarks>
/// Every write and clear is one atomic statement that succeeds only if the stored version still equals the caller's
/// ETag; otherwise <see cref="InconsistentStateException"/> is thrown and nothing of that write changes. Concurrent
/// writes and clears are committed together (group commit, <see cref="SqliteWriteQueue"/>), each acknowledged once its
/// transaction is on disk; a stale one fails alone. A clear keeps the row as a
/// tombstone (no payload, version bumped) so versions never repeat. The schema is created when the silo starts, or on
/// first use when the storage runs outside a silo.
/// </remarks>
public sealed partial class SqliteGrainStorage : IGrainStorage, IGrainStateDirectory, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly string _name;
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly SqliteWriteQueue _writes;

    private const string InsertSql = """
        INSERT INTO grain_state (state_name, grain_id, version, payload, updated_at)
        VALUES ($state, $grain, 1, CAST($payload AS TEXT), $now)
        ON CONFLICT (state_name, grain_id) DO NOTHING
        RETURNING version;
        """;

    private const string UpdateSql = """
        UPDATE grain_state SET version = version + 1, payload = CAST($payload AS TEXT), updated_at = $now
        WHERE state_name = $state AND grain_id = $grain AND version = $version
        RETURNING version;
        """;

    private const string ClearSql = """
        UPDATE grain_state SET version = version + 1, payload = NULL, updated_at = $now
        WHERE state_name = $state AND grain_id = $grain AND version = $version
        RETURNING version;
        """;

    private const string CurrentVersionSql = "SELECT version, payload IS NOT NULL FROM grain_state WHERE state_name = $state AND grain_id = $grain;";

    /// <summary>Creates the storage; nothing touches the file until the silo starts or the first call.</summary>
    /// <param name="name">The provider name, used in logs.</param>
    /// <param name="options">Where the database is.</param>
    /// <param name="timeProvider">The clock for <c>updated_at</c>.</param>
    /// <param name="logger">The logger.</param>
    public SqliteGrainStorage(string name, SqliteStorageOptions options, TimeProvider timeProvider, ILogger<SqliteGrainStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        _name = name;
        _database = SqliteDatabase.For(options);
        _timeProvider = timeProvider;
        _logger = logger;
        _writes = new SqliteWriteQueue(_database, options, logger);
    }

    /// <summary>The group-commit writer; tests hold it to put writes into one flush.</summary>
    internal SqliteWriteQueue Writes => _writes;

    /// <inheritdoc/>
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, payload FROM grain_state WHERE state_name = $state AND grain_id = $grain;";
        AddKey(command, stateName, grainId);

        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var version = reader.GetInt64(0);
        var payload = reader.IsDBNull(1) ? null : reader.GetString(1);
        grainState.ETag = ToETag(version);
        grainState.RecordExists = payload is not null;
        grainState.State = payload is null
            ? Activator.CreateInstance<T>()
            : JsonSerializer.Deserialize<T>(payload, MarketpilotJson.Options) ?? Activator.CreateInstance<T>();
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The write joins the next group commit (<see cref="SqliteWriteQueue"/>) and returns once that transaction is on
    /// disk. A state that is an <see cref="IActionOutboxCarrier"/> has its outbox records logged in the same transaction
    /// (see <see cref="SqliteActionLog"/>); the outbox is emptied and the ETag advanced only after the commit.
    /// </remarks>
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // The JSON's UTF-8 bytes, which SQLite stores as the column's text (CAST): a UTF-16 string, encoded again to
        // bind it, was a fifth of what the host allocated under load.
        var payload = JsonSerializer.SerializeToUtf8Bytes(grainState.State, MarketpilotJson.Options);
        var outbox = grainState.State is IActionOutboxCarrier { Outbox.Count: > 0 } carrier ? carrier.Outbox : null;
        var expected = grainState.ETag;
        var now = Now();

        var written = await _writes.WriteAsync(async flush =>
        {
            var command = flush.Command(expected is null ? InsertSql : UpdateSql);
            AddKey(command, stateName, grainId);
            command.Parameters.AddWithValue("$payload", payload);
            command.Parameters.AddWithValue("$now", now);
            if (expected is not null)
            {
                command.Parameters.AddWithValue("$version", ParseETag(expected));
            }

            var version = await command.ExecuteScalarAsync() ?? throw await ConflictAsync(flush, "write", stateName, grainId, expected);
            if (outbox is not null)
            {
                await SqliteActionLog.InsertAsync(flush, outbox);
            }

            return (long)version;
        });

        outbox?.Clear();
        grainState.ETag = ToETag(written);
        grainState.RecordExists = true;
    }

    /// <inheritdoc/>
    /// <remarks>A clear of a state that was read or written joins the next group commit, as a write does.</remarks>
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (grainState.ETag is null)
        {
            // Nothing was read or written: clearing is a no-op unless a live record exists that the caller never saw.
            await using var connection = await _database.OpenAsync(CancellationToken.None);
            await using var command = connection.CreateCommand();
            command.CommandText = CurrentVersionSql;
            var current = await CurrentVersionAsync(command, stateName, grainId);
            if (current is { HasPayload: true })
            {
                throw Conflict("clear", stateName, grainId, null, ToETag(current.Value.Version));
            }

            grainState.ETag = current is { } tombstone ? ToETag(tombstone.Version) : null;
        }
        else
        {
            var expected = grainState.ETag;
            var now = Now();
            var cleared = await _writes.WriteAsync(async flush =>
            {
                var command = flush.Command(ClearSql);
                AddKey(command, stateName, grainId);
                command.Parameters.AddWithValue("$version", ParseETag(expected));
                command.Parameters.AddWithValue("$now", now);
                return (long)(await command.ExecuteScalarAsync() ?? throw await ConflictAsync(flush, "clear", stateName, grainId, expected));
            });
            grainState.ETag = ToETag(cleared);
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
        await using var command = connection.CreateCommand();

        // Keyset paging over the primary key: each page is an index range scan, however many grains there are.
        command.CommandText = """
            SELECT grain_id FROM grain_state
            WHERE state_name = $state AND grain_id > $after AND payload IS NOT NULL
            ORDER BY grain_id LIMIT $limit;
            """;
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$after", after?.ToString() ?? string.Empty);
        command.Parameters.AddWithValue("$limit", limit);

        var page = new List<GrainId>(Math.Min(limit, 1024));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(GrainId.Parse(reader.GetString(0), CultureInfo.InvariantCulture));
        }

        return page;
    }

    /// <summary>Creates the schema when the silo starts, so a bad path stops startup instead of the first grain call.</summary>
    /// <param name="lifecycle">The silo lifecycle.</param>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(SqliteGrainStorage)}-{_name}", ServiceLifecycleStage.ApplicationServices, InitializeAsync);

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _database.EnsureCreatedAsync().WaitAsync(cancellationToken);
        LogInitialized(_name, _database.DatabasePath);
    }

    private static void AddKey(SqliteCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
    }

    /// <summary>Runs <see cref="CurrentVersionSql"/> on <paramref name="command"/>.</summary>
    private static async Task<(long Version, bool HasPayload)?> CurrentVersionAsync(SqliteCommand command, string stateName, GrainId grainId)
    {
        AddKey(command, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt64(0), reader.GetBoolean(1)) : null;
    }

    private async Task<InconsistentStateException> ConflictAsync(SqliteFlush flush, string operation, string stateName, GrainId grainId, string? expected)
    {
        var current = await CurrentVersionAsync(flush.Command(CurrentVersionSql), stateName, grainId);
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

    private string Now() => _timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private static string ToETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static long ParseETag(string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite grain storage {Provider} uses {DatabasePath}")]
    private partial void LogInitialized(string provider, string databasePath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite grain storage {Provider} refused a stale {Operation} of {StateName} for {GrainId}: ETag {ExpectedETag}, stored {StoredETag}")]
    private partial void LogConflict(string provider, string operation, string stateName, GrainId grainId, string? expectedETag, string? storedETag);
}
