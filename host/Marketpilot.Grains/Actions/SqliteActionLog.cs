using Marketpilot.Sdk.Serialization;
using System.Text;
using System.Text.Json;
using Marketpilot.Grains.Storage;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Grains.Serialization;
using Microsoft.Data.Sqlite;

namespace Marketpilot.Grains.Actions;

/// <summary>The action log in a table of the embedded SQLite file; actions are stored as JSON next to filterable columns.</summary>
/// <remarks>Timestamps are stored as UTC ticks, so they read back in UTC.</remarks>
/// <param name="options">Where the database is; the schema is created on first use.</param>
public sealed class SqliteActionLog(SqliteStorageOptions options) : IActionLog
{
    /// <summary>The name of the <see cref="SqliteStorageOptions"/> instance the action log reads.</summary>
    public const string OptionsName = "Marketpilot.ActionLog";

    /// <summary>The largest page <see cref="QueryAsync"/> returns.</summary>
    public const int MaxLimit = 1000;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS action_log (
            id TEXT NOT NULL PRIMARY KEY,
            rule_id TEXT NOT NULL,
            rule_version TEXT NOT NULL,
            marketplace TEXT NOT NULL,
            shop_id TEXT NOT NULL,
            sku TEXT NOT NULL,
            kind TEXT NOT NULL,
            action TEXT NOT NULL,
            status TEXT NOT NULL,
            status_reason TEXT NULL,
            proposed_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_action_log_proposed_at ON action_log (proposed_at DESC, id DESC);
        CREATE INDEX IF NOT EXISTS ix_action_log_sku ON action_log (sku, proposed_at DESC);
        CREATE INDEX IF NOT EXISTS ix_action_log_rule ON action_log (rule_id, proposed_at DESC);
        CREATE INDEX IF NOT EXISTS ix_action_log_status ON action_log (status, proposed_at DESC);
        """;

    // Added after the first release: existing files get them on first use (see MigrateAsync).
    private const string RetryColumns = """
        ALTER TABLE action_log ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE action_log ADD COLUMN next_attempt_at INTEGER NULL;
        """;

    private const string Columns = "id, rule_id, rule_version, marketplace, shop_id, sku, action, status, status_reason, proposed_at, updated_at, attempts, next_attempt_at";

    private readonly SqliteDatabase _database = new(options, Schema);
    private readonly Lock _gate = new();
    private Task? _migrated;

    /// <inheritdoc/>
    public async Task AppendAsync(IReadOnlyList<ActionRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO action_log ({Columns}, kind)
            VALUES ($id, $ruleId, $ruleVersion, $marketplace, $shopId, $sku, $action, $status, $reason, $proposedAt, $updatedAt, $attempts, $nextAttemptAt, $kind);
            """;
        var parameters = new[] { "$id", "$ruleId", "$ruleVersion", "$marketplace", "$shopId", "$sku", "$action", "$status", "$reason", "$proposedAt", "$updatedAt", "$attempts", "$nextAttemptAt", "$kind" }
            .Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name }))
            .ToArray();

        foreach (var record in records)
        {
            object?[] values =
            [
                record.ActionId, record.RuleId, record.RuleVersion, record.Sku.Marketplace, record.Sku.ShopId, record.Sku.Sku,
                JsonSerializer.Serialize(record.Action, MarketpilotJson.Options), record.Status.ToString(), record.StatusReason,
                record.ProposedAt.UtcTicks, record.UpdatedAt.UtcTicks, record.Attempts, record.NextAttemptAt?.UtcTicks, record.Kind.ToString(),
            ];
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">No record has <paramref name="actionId"/>.</exception>
    public async Task UpdateStatusAsync(string actionId, ActionStatus status, string? reason, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE action_log SET status = $status, status_reason = $reason, updated_at = $at, next_attempt_at = NULL WHERE id = $id;";
        command.Parameters.AddWithValue("$id", actionId);
        command.Parameters.AddWithValue("$status", status.ToString());
        command.Parameters.AddWithValue("$reason", (object?)reason ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", at.UtcTicks);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new KeyNotFoundException($"The action log has no action '{actionId}'.");
        }
    }

    /// <inheritdoc/>
    public async Task<bool> RecordAttemptAsync(
        string actionId, ActionStatus status, string? reason, int attempts, DateTimeOffset? nextAttemptAt, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE action_log SET status = $status, status_reason = $reason, attempts = $attempts, next_attempt_at = $next, updated_at = $at
            WHERE id = $id AND status = $proposed;
            """;
        command.Parameters.AddWithValue("$id", actionId);
        command.Parameters.AddWithValue("$status", status.ToString());
        command.Parameters.AddWithValue("$reason", (object?)reason ?? DBNull.Value);
        command.Parameters.AddWithValue("$attempts", attempts);
        command.Parameters.AddWithValue("$next", status == ActionStatus.Proposed && nextAttemptAt is { } next ? next.UtcTicks : DBNull.Value);
        command.Parameters.AddWithValue("$at", at.UtcTicks);
        command.Parameters.AddWithValue("$proposed", nameof(ActionStatus.Proposed));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc/>
    /// <remarks>A proposed action with no next attempt time (written before retries existed) counts as due.</remarks>
    public async Task<IReadOnlyList<ActionRecord>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"""
            SELECT {Columns} FROM action_log
            WHERE status = $proposed AND (next_attempt_at IS NULL OR next_attempt_at <= $now)
            ORDER BY COALESCE(next_attempt_at, 0), proposed_at, id LIMIT $limit;
            """;
        select.Parameters.AddWithValue("$proposed", nameof(ActionStatus.Proposed));
        select.Parameters.AddWithValue("$now", now.UtcTicks);
        select.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, MaxLimit));
        var claimed = new List<ActionRecord>();
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(Read(reader));
            }
        }

        await using var lease = connection.CreateCommand();
        lease.Transaction = transaction;
        lease.CommandText = "UPDATE action_log SET next_attempt_at = $lease WHERE id = $id AND status = $proposed;";
        var id = lease.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
        lease.Parameters.AddWithValue("$lease", leaseUntil.UtcTicks);
        lease.Parameters.AddWithValue("$proposed", nameof(ActionStatus.Proposed));
        foreach (var record in claimed)
        {
            id.Value = record.ActionId;
            await lease.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    /// <inheritdoc/>
    /// <remarks>A limit outside 1..1000 is clamped; a negative offset counts as 0.</remarks>
    public async Task<ActionPage> QueryAsync(ActionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, MaxLimit);
        var offset = Math.Max(0, query.Offset);

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        var where = new StringBuilder("WHERE 1 = 1");
        var filters = new List<(string Name, object Value)>();
        if (query.Sku is not null)
        {
            where.Append(" AND sku = $sku");
            filters.Add(("$sku", query.Sku));
        }

        if (query.RuleId is not null)
        {
            where.Append(" AND rule_id = $ruleId");
            filters.Add(("$ruleId", query.RuleId));
        }

        if (query.Status is { } status)
        {
            where.Append(" AND status = $status");
            filters.Add(("$status", status.ToString()));
        }

        if (query.Since is { } since)
        {
            where.Append(" AND proposed_at >= $since");
            filters.Add(("$since", since.UtcTicks));
        }

        await using var count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = $"SELECT COUNT(*) FROM action_log {where};";
        AddFilters(count, filters);
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken) ?? 0L);

        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"SELECT {Columns} FROM action_log {where} ORDER BY proposed_at DESC, id DESC LIMIT $limit OFFSET $offset;";
        AddFilters(select, filters);
        select.Parameters.AddWithValue("$limit", limit);
        select.Parameters.AddWithValue("$offset", offset);

        var items = new List<ActionRecord>();
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(Read(reader));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new ActionPage(items, total, offset, limit);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        Task migrated;
        lock (_gate)
        {
            if (_migrated is null || _migrated.IsFaulted || _migrated.IsCanceled)
            {
                _migrated = MigrateAsync();
            }

            migrated = _migrated;
        }

        await migrated.WaitAsync(cancellationToken);
        return await _database.OpenAsync(cancellationToken);
    }

    private async Task MigrateAsync()
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('action_log') WHERE name = 'attempts';";
        if ((long)(await columns.ExecuteScalarAsync() ?? 0L) == 0)
        {
            await using var alter = connection.CreateCommand();
            alter.CommandText = RetryColumns + "CREATE INDEX IF NOT EXISTS ix_action_log_due ON action_log (status, next_attempt_at);";
            await alter.ExecuteNonQueryAsync();
        }
    }

    private static void AddFilters(SqliteCommand command, List<(string Name, object Value)> filters)
    {
        foreach (var (name, value) in filters)
        {
            command.Parameters.AddWithValue(name, value);
        }
    }

    private static ActionRecord Read(SqliteDataReader reader) => new(
        ActionId: reader.GetString(0),
        RuleId: reader.GetString(1),
        RuleVersion: reader.GetString(2),
        Sku: new SkuKey(reader.GetString(3), reader.GetString(4), reader.GetString(5)),
        Action: JsonSerializer.Deserialize<RuleAction>(reader.GetString(6), MarketpilotJson.Options)
            ?? throw new InvalidDataException($"Action '{reader.GetString(0)}' has no action payload."),
        Status: Enum.Parse<ActionStatus>(reader.GetString(7)),
        StatusReason: reader.IsDBNull(8) ? null : reader.GetString(8),
        ProposedAt: new DateTimeOffset(reader.GetInt64(9), TimeSpan.Zero),
        UpdatedAt: new DateTimeOffset(reader.GetInt64(10), TimeSpan.Zero),
        Attempts: reader.GetInt32(11),
        NextAttemptAt: reader.IsDBNull(12) ? null : new DateTimeOffset(reader.GetInt64(12), TimeSpan.Zero));
}
