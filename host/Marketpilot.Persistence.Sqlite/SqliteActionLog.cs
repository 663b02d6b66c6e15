using System.Text;
using System.Text.Json;
using Marketpilot.Actions;
using Marketpilot.Actions.Dispatch;
using Marketpilot.Actions.Guardrails;
using Marketpilot.Actions.Undo;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Serialization;
using Microsoft.Data.Sqlite;

namespace Marketpilot.Persistence.Sqlite;

/// <summary>The action log and outbox in table <c>action_log</c> of the embedded SQLite file; actions are stored as JSON next to filterable columns.</summary>
/// <remarks>
/// Timestamps are stored as UTC ticks, so they read back in UTC. The insertion order (<c>rowid</c>) is the order in
/// which one SKU's marketplace actions are dispatched.
/// </remarks>
/// <param name="options">Where the database is; the schema is created on first use.</param>
public sealed class SqliteActionLog(SqliteStorageOptions options) : IActionLog
{
    /// <summary>The name of the <see cref="SqliteStorageOptions"/> instance the action log reads.</summary>
    public const string OptionsName = "Marketpilot.ActionLog";

    /// <summary>The largest page <see cref="QueryAsync"/> returns.</summary>
    public const int MaxLimit = 1000;

    private const string Columns =
        "id, rule_id, rule_version, marketplace, shop_id, sku, action, status, status_reason, proposed_at, updated_at, attempts, next_attempt_at, " +
        "guardrail, replaced, undo_of, created_id, deliveries";

    private static readonly string[] Approved = [nameof(ActionStatus.Proposed), nameof(ActionStatus.Applied), nameof(ActionStatus.Failed)];

    // Identifies this process's leases; one process holds the file at a time, so a previous run's leases are released at start.
    private static readonly string LeaseOwner = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private readonly SqliteDatabase _database = SqliteDatabase.For(options);

    /// <inheritdoc/>
    public async Task<int> AppendAsync(IReadOnlyList<ActionRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return 0;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var flush = new SqliteFlush(connection, transaction);
        var inserted = await InsertAsync(flush, records);
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    /// <summary>Inserts records inside a group commit; one whose id exists is left alone. The grain storage uses it to log a state's outbox with the state.</summary>
    internal static async Task<int> InsertAsync(SqliteFlush flush, IReadOnlyList<ActionRecord> records)
    {
        var inserted = 0;
        foreach (var record in records)
        {
            inserted += await Insert(flush.Command(InsertSql), record).ExecuteNonQueryAsync();
        }

        return inserted;
    }

    private const string InsertSql = $"""
        INSERT INTO action_log ({Columns}, kind)
        VALUES ($id, $ruleId, $ruleVersion, $marketplace, $shopId, $sku, $action, $status, $reason, $proposedAt, $updatedAt, $attempts, $nextAttemptAt,
                $guardrail, $replaced, $undoOf, $createdId, $deliveries, $kind)
        ON CONFLICT (id) DO NOTHING;
        """;

    private static readonly string[] InsertParameters =
    [
        "$id", "$ruleId", "$ruleVersion", "$marketplace", "$shopId", "$sku", "$action", "$status", "$reason", "$proposedAt", "$updatedAt",
        "$attempts", "$nextAttemptAt", "$guardrail", "$replaced", "$undoOf", "$createdId", "$deliveries", "$kind",
    ];

    private static SqliteCommand Insert(SqliteCommand command, ActionRecord record)
    {
        object?[] values =
        [
            record.ActionId, record.RuleId, record.RuleVersion, record.Sku.Marketplace, record.Sku.ShopId, record.Sku.Sku,
            Json(record.Action), record.Status.ToString(), record.StatusReason, record.ProposedAt.UtcTicks, record.UpdatedAt.UtcTicks,
            record.Attempts, record.NextAttemptAt?.UtcTicks, Json(record.Guardrail), Json(record.Replaced), record.UndoOf, record.CreatedId,
            Json(record.Deliveries), record.Kind.ToString(),
        ];
        for (var i = 0; i < InsertParameters.Length; i++)
        {
            command.Parameters.AddWithValue(InsertParameters[i], values[i] ?? DBNull.Value);
        }

        return command;
    }

    /// <inheritdoc/>
    public async Task<ActionRecord?> GetAsync(string actionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM action_log WHERE id = $id;";
        command.Parameters.AddWithValue("$id", actionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <inheritdoc/>
    public async Task<bool> RecordAttemptAsync(ActionRecord settled, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settled);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE action_log SET status = $status, status_reason = $reason, attempts = $attempts, next_attempt_at = $next, updated_at = $at,
                lease_owner = NULL, created_id = COALESCE($createdId, created_id), deliveries = COALESCE($deliveries, deliveries)
            WHERE id = $id AND status = $proposed;
            """;
        command.Parameters.AddWithValue("$id", settled.ActionId);
        command.Parameters.AddWithValue("$status", settled.Status.ToString());
        command.Parameters.AddWithValue("$reason", (object?)settled.StatusReason ?? DBNull.Value);
        command.Parameters.AddWithValue("$attempts", settled.Attempts);
        command.Parameters.AddWithValue("$next", settled.Status == ActionStatus.Proposed && settled.NextAttemptAt is { } next ? next.UtcTicks : DBNull.Value);
        command.Parameters.AddWithValue("$at", settled.UpdatedAt.UtcTicks);
        command.Parameters.AddWithValue("$createdId", (object?)settled.CreatedId ?? DBNull.Value);
        command.Parameters.AddWithValue("$deliveries", (object?)Json(settled.Deliveries) ?? DBNull.Value);
        command.Parameters.AddWithValue("$proposed", nameof(ActionStatus.Proposed));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc/>
    /// <remarks>A proposed action with no next attempt time counts as due.</remarks>
    public async Task<IReadOnlyList<ActionRecord>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.Transaction = transaction;

        // Notifications go out in any order; a SKU's marketplace actions wait for every earlier one still pending.
        select.CommandText = $"""
            SELECT {Columns} FROM action_log a
            WHERE a.status = $proposed AND (a.next_attempt_at IS NULL OR a.next_attempt_at <= $now)
              AND (a.kind = 'Notify' OR NOT EXISTS (
                  SELECT 1 FROM action_log b
                  WHERE b.status = $proposed AND b.marketplace = a.marketplace AND b.shop_id = a.shop_id AND b.sku = a.sku
                    AND b.kind <> 'Notify' AND b.rowid < a.rowid))
            ORDER BY a.rowid LIMIT $limit;
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
        lease.CommandText = "UPDATE action_log SET next_attempt_at = $lease, lease_owner = $owner WHERE id = $id AND status = $proposed;";
        var id = lease.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
        lease.Parameters.AddWithValue("$lease", leaseUntil.UtcTicks);
        lease.Parameters.AddWithValue("$owner", LeaseOwner);
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
    public async Task<int> ReleaseLeasesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE action_log SET next_attempt_at = NULL, lease_owner = NULL WHERE status = $proposed AND lease_owner IS NOT NULL;";
        command.Parameters.AddWithValue("$proposed", nameof(ActionStatus.Proposed));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<int> ReleaseOwnLeasesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE action_log SET next_attempt_at = NULL, lease_owner = NULL WHERE status = $proposed AND lease_owner = $owner;";
        command.Parameters.AddWithValue("$proposed", nameof(ActionStatus.Proposed));
        command.Parameters.AddWithValue("$owner", LeaseOwner);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<int> CountApprovedAsync(string ruleId, string marketplace, string shopId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COUNT(*) FROM action_log
            WHERE rule_id = $rule AND marketplace = $marketplace AND shop_id = $shop AND undo_of IS NULL
              AND proposed_at >= $from AND proposed_at < $to AND status IN ($s0, $s1, $s2);
            """;
        command.Parameters.AddWithValue("$rule", ruleId);
        command.Parameters.AddWithValue("$marketplace", marketplace);
        command.Parameters.AddWithValue("$shop", shopId);
        command.Parameters.AddWithValue("$from", from.UtcTicks);
        command.Parameters.AddWithValue("$to", to.UtcTicks);
        for (var i = 0; i < Approved.Length; i++)
        {
            command.Parameters.AddWithValue($"$s{i}", Approved[i]);
        }

        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
    }

    /// <inheritdoc/>
    public async Task<OutboxDepth> GetOutboxDepthAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MIN(proposed_at) FROM action_log WHERE status = $status;";
        command.Parameters.AddWithValue("$status", nameof(ActionStatus.Proposed));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new OutboxDepth(reader.GetInt64(0), reader.IsDBNull(1) ? null : new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero));
    }

    /// <inheritdoc/>
    /// <remarks>A limit outside 1..1000 is clamped; a negative offset counts as 0.</remarks>
    public async Task<ActionPage> QueryAsync(ActionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, MaxLimit);
        var offset = Math.Max(0, query.Offset);

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        var where = new StringBuilder("WHERE 1 = 1");
        var filters = new List<(string Name, object Value)>();
        void Filter(string clause, string name, object? value)
        {
            if (value is not null)
            {
                where.Append(" AND ").Append(clause);
                filters.Add((name, value));
            }
        }

        Filter("sku = $sku", "$sku", query.Sku);
        Filter("marketplace = $marketplace", "$marketplace", query.Marketplace);
        Filter("shop_id = $shopId", "$shopId", query.ShopId);
        Filter("rule_id = $ruleId", "$ruleId", query.RuleId);
        Filter("status = $status", "$status", query.Status?.ToString());
        Filter("proposed_at >= $since", "$since", query.Since?.UtcTicks);
        Filter("undo_of = $undoOf", "$undoOf", query.UndoOf);
        if (query.Undo is { } undo)
        {
            where.Append(undo ? " AND undo_of IS NOT NULL" : " AND undo_of IS NULL");
        }

        if (query.Statuses is { Count: > 0 } statuses)
        {
            where.Append(" AND status IN (").Append(string.Join(", ", statuses.Select((_, i) => $"$st{i}"))).Append(')');
            filters.AddRange(statuses.Select((s, i) => ($"$st{i}", (object)s.ToString())));
        }

        await using var count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = $"SELECT COUNT(*) FROM action_log {where};";
        AddFilters(count, filters);
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken) ?? 0L);

        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        var order = query.OldestFirst ? "proposed_at, rowid" : "proposed_at DESC, rowid DESC";
        select.CommandText = $"SELECT {Columns} FROM action_log {where} ORDER BY {order} LIMIT $limit OFFSET $offset;";
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

    private static void AddFilters(SqliteCommand command, List<(string Name, object Value)> filters)
    {
        foreach (var (name, value) in filters)
        {
            command.Parameters.AddWithValue(name, value);
        }
    }

    private static string? Json<T>(T? value) => value is null ? null : JsonSerializer.Serialize(value, MarketpilotJson.Options);

    private static T? FromJson<T>(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? default : JsonSerializer.Deserialize<T>(reader.GetString(ordinal), MarketpilotJson.Options);

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
        NextAttemptAt: reader.IsDBNull(12) ? null : new DateTimeOffset(reader.GetInt64(12), TimeSpan.Zero),
        Guardrail: FromJson<GuardrailRejection>(reader, 13),
        Replaced: FromJson<ReplacedValues>(reader, 14),
        UndoOf: reader.IsDBNull(15) ? null : reader.GetString(15),
        CreatedId: reader.IsDBNull(16) ? null : reader.GetString(16),
        Deliveries: FromJson<List<ChannelDelivery>>(reader, 17));
}
