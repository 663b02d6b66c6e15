using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Marketpilot.Actions;
using Marketpilot.Actions.Dispatch;
using Marketpilot.Actions.Guardrails;
using Marketpilot.Actions.Undo;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Serialization;
using Npgsql;
using NpgsqlTypes;

namespace Marketpilot.Persistence.PostgreSql;

/// <summary>
/// The action log and outbox in table <c>action_log</c> of PostgreSQL, shared by every silo of a cluster; actions are
/// stored as JSON next to filterable columns.
/// </summary>
/// <remarks>
/// Timestamps are stored as UTC ticks, so they read back exactly. Column <c>seq</c> (an identity) is the order in which
/// one SKU's marketplace actions are dispatched. Claims are safe with many dispatchers at once: a claim locks the rows it
/// takes with <c>FOR UPDATE SKIP LOCKED</c> and leases them in the same statement, so two silos never take the same
/// action, and an action whose taker died becomes due again when its lease ends.
/// </remarks>
/// <param name="options">Which database; the schema is created on first use unless the options leave it to <c>db init</c>.</param>
public sealed class PostgreSqlActionLog(PostgreSqlStorageOptions options) : IActionLog
{
    /// <summary>The name of the <see cref="PostgreSqlStorageOptions"/> instance the action log reads.</summary>
    public const string OptionsName = "Marketpilot.ActionLog";

    /// <summary>The largest page <see cref="QueryAsync"/> returns.</summary>
    public const int MaxLimit = 1000;

    private const string Columns =
        "id, rule_id, rule_version, marketplace, shop_id, sku, action, status, status_reason, proposed_at, updated_at, attempts, next_attempt_at, " +
        "guardrail, replaced, undo_of, created_id, deliveries";

    private const string InsertSql = $"""
        INSERT INTO action_log ({Columns}, kind)
        VALUES (@id, @ruleId, @ruleVersion, @marketplace, @shopId, @sku, @action, @status, @reason, @proposedAt, @updatedAt, @attempts, @nextAttemptAt,
                @guardrail, @replaced, @undoOf, @createdId, @deliveries, @kind)
        ON CONFLICT (id) DO NOTHING;
        """;

    // Notifications go out in any order; a SKU's marketplace actions wait for every earlier one still pending. Rows
    // another silo is claiming right now are skipped, not waited for; a row that silo already leased no longer matches.
    private static readonly string ClaimSql = $"""
        WITH due AS (
            SELECT a.id FROM action_log a
            WHERE a.status = 'Proposed' AND (a.next_attempt_at IS NULL OR a.next_attempt_at <= @now)
              AND (a.kind = 'Notify' OR NOT EXISTS (
                  SELECT 1 FROM action_log b
                  WHERE b.status = 'Proposed' AND b.marketplace = a.marketplace AND b.shop_id = a.shop_id AND b.sku = a.sku
                    AND b.kind <> 'Notify' AND b.seq < a.seq))
            ORDER BY a.seq LIMIT @limit
            FOR UPDATE SKIP LOCKED)
        UPDATE action_log l SET next_attempt_at = @lease, lease_owner = @owner
        FROM due WHERE l.id = due.id AND l.status = 'Proposed'
        RETURNING l.seq, {Prefixed("l.")};
        """;

    private static readonly string[] Approved = [nameof(ActionStatus.Proposed), nameof(ActionStatus.Applied), nameof(ActionStatus.Failed)];

    // Identifies this process's leases in the table, for operators; pids repeat across machines, so the host name is in it.
    private static readonly string LeaseOwner = $"{Environment.MachineName}:{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";

    private readonly PostgreSqlDatabase _database = PostgreSqlDatabase.For(options);

    /// <inheritdoc/>
    public async Task<int> AppendAsync(IReadOnlyList<ActionRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return 0;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await InsertAsync(connection, transaction, records, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    /// <summary>Inserts records in the caller's transaction in one round trip; one whose id exists is left alone. The grain storage logs a state's outbox with it.</summary>
    internal static async Task<int> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ActionRecord> records, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var commands = new List<NpgsqlBatchCommand>(records.Count);
        foreach (var record in records)
        {
            var command = new NpgsqlBatchCommand(InsertSql);
            AddRecord(command.Parameters, record);
            batch.BatchCommands.Add(command);
            commands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return commands.Sum(c => c.RecordsAffected);
    }

    /// <inheritdoc/>
    public async Task<ActionRecord?> GetAsync(string actionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actionId);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM action_log WHERE id = @id;", connection);
        command.Parameters.AddWithValue("id", actionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader, 0) : null;
    }

    /// <inheritdoc/>
    public async Task<bool> RecordAttemptAsync(ActionRecord settled, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settled);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            UPDATE action_log SET status = @status, status_reason = @reason, attempts = @attempts, next_attempt_at = @next, updated_at = @at,
                lease_owner = NULL, created_id = COALESCE(@createdId, created_id), deliveries = COALESCE(@deliveries, deliveries)
            WHERE id = @id AND status = 'Proposed';
            """, connection);
        var parameters = command.Parameters;
        parameters.AddWithValue("id", settled.ActionId);
        parameters.AddWithValue("status", settled.Status.ToString());
        parameters.Add(Text("reason", settled.StatusReason));
        parameters.AddWithValue("attempts", settled.Attempts);
        parameters.Add(Ticks("next", settled.Status == ActionStatus.Proposed ? settled.NextAttemptAt : null));
        parameters.AddWithValue("at", settled.UpdatedAt.UtcTicks);
        parameters.Add(Text("createdId", settled.CreatedId));
        parameters.Add(Text("deliveries", Json(settled.Deliveries)));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc/>
    /// <remarks>A proposed action with no next attempt time counts as due.</remarks>
    public async Task<IReadOnlyList<ActionRecord>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(ClaimSql, connection);
        command.Parameters.AddWithValue("now", now.UtcTicks);
        command.Parameters.AddWithValue("lease", leaseUntil.UtcTicks);
        command.Parameters.AddWithValue("owner", LeaseOwner);
        command.Parameters.AddWithValue("limit", Math.Clamp(limit, 1, MaxLimit));

        var claimed = new List<(long Seq, ActionRecord Record)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add((reader.GetInt64(0), Read(reader, 1)));
            }
        }

        // UPDATE ... RETURNING gives no order; the dispatcher takes them oldest first.
        return claimed.OrderBy(c => c.Seq).Select(c => c.Record).ToList();
    }

    /// <inheritdoc/>
    /// <remarks>
    /// In a cluster other silos hold leases, so the host never calls this at start on PostgreSQL: the leases of a silo
    /// that died end on their own. It is for an operator who knows every silo is stopped.
    /// </remarks>
    public async Task<int> ReleaseLeasesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE action_log SET next_attempt_at = NULL, lease_owner = NULL WHERE status = 'Proposed' AND lease_owner IS NOT NULL;", connection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<int> ReleaseOwnLeasesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "UPDATE action_log SET next_attempt_at = NULL, lease_owner = NULL WHERE status = 'Proposed' AND lease_owner = @owner;", connection);
        command.Parameters.AddWithValue("owner", LeaseOwner);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<int> CountApprovedAsync(string ruleId, string marketplace, string shopId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FROM action_log
            WHERE rule_id = @rule AND marketplace = @marketplace AND shop_id = @shop AND undo_of IS NULL
              AND proposed_at >= @from AND proposed_at < @to AND status = ANY(@approved);
            """, connection);
        command.Parameters.AddWithValue("rule", ruleId);
        command.Parameters.AddWithValue("marketplace", marketplace);
        command.Parameters.AddWithValue("shop", shopId);
        command.Parameters.AddWithValue("from", from.UtcTicks);
        command.Parameters.AddWithValue("to", to.UtcTicks);
        command.Parameters.AddWithValue("approved", Approved);
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
    }

    /// <inheritdoc/>
    public async Task<OutboxDepth> GetOutboxDepthAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*), min(proposed_at) FROM action_log WHERE status = @status;", connection);
        command.Parameters.AddWithValue("status", nameof(ActionStatus.Proposed));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new OutboxDepth(reader.GetInt64(0), reader.IsDBNull(1) ? null : new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero));
    }

    /// <inheritdoc/>
    /// <remarks>A limit outside 1..1000 is clamped; a negative offset counts as 0. The total and the page are read in one snapshot.</remarks>
    public async Task<ActionPage> QueryAsync(ActionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, MaxLimit);
        var offset = Math.Max(0, query.Offset);
        var where = new StringBuilder("WHERE true");
        var filters = new List<NpgsqlParameter>();
        void Filter(string clause, string name, object? value)
        {
            if (value is not null)
            {
                where.Append(" AND ").Append(clause);
                filters.Add(new NpgsqlParameter(name, value));
            }
        }

        Filter("sku = @sku", "sku", query.Sku);
        Filter("marketplace = @marketplace", "marketplace", query.Marketplace);
        Filter("shop_id = @shopId", "shopId", query.ShopId);
        Filter("rule_id = @ruleId", "ruleId", query.RuleId);
        Filter("status = @status", "status", query.Status?.ToString());
        Filter("proposed_at >= @since", "since", query.Since?.UtcTicks);
        Filter("undo_of = @undoOf", "undoOf", query.UndoOf);
        Filter("status = ANY(@statuses)", "statuses", query.Statuses is { Count: > 0 } statuses ? statuses.Select(s => s.ToString()).ToArray() : null);
        if (query.Undo is { } undo)
        {
            where.Append(undo ? " AND undo_of IS NOT NULL" : " AND undo_of IS NULL");
        }

        var order = query.OldestFirst ? "proposed_at, seq" : "proposed_at DESC, seq DESC";
        await using var connection = await _database.OpenAsync(cancellationToken);

        // One snapshot for both statements, so the total and the page agree.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                WithParameters(new NpgsqlBatchCommand($"SELECT count(*) FROM action_log {where};"), filters),
                WithParameters(new NpgsqlBatchCommand($"SELECT {Columns} FROM action_log {where} ORDER BY {order} LIMIT {limit} OFFSET {offset};"), filters),
            },
        };

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<ActionRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader, 0));
        }

        return new ActionPage(items, total, offset, limit);
    }

    private static NpgsqlBatchCommand WithParameters(NpgsqlBatchCommand command, List<NpgsqlParameter> parameters)
    {
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        return command;
    }

    private static void AddRecord(NpgsqlParameterCollection parameters, ActionRecord record)
    {
        parameters.AddWithValue("id", record.ActionId);
        parameters.AddWithValue("ruleId", record.RuleId);
        parameters.AddWithValue("ruleVersion", record.RuleVersion);
        parameters.AddWithValue("marketplace", record.Sku.Marketplace);
        parameters.AddWithValue("shopId", record.Sku.ShopId);
        parameters.AddWithValue("sku", record.Sku.Sku);
        parameters.AddWithValue("action", Json(record.Action)!);
        parameters.AddWithValue("status", record.Status.ToString());
        parameters.Add(Text("reason", record.StatusReason));
        parameters.AddWithValue("proposedAt", record.ProposedAt.UtcTicks);
        parameters.AddWithValue("updatedAt", record.UpdatedAt.UtcTicks);
        parameters.AddWithValue("attempts", record.Attempts);
        parameters.Add(Ticks("nextAttemptAt", record.NextAttemptAt));
        parameters.Add(Text("guardrail", Json(record.Guardrail)));
        parameters.Add(Text("replaced", Json(record.Replaced)));
        parameters.Add(Text("undoOf", record.UndoOf));
        parameters.Add(Text("createdId", record.CreatedId));
        parameters.Add(Text("deliveries", Json(record.Deliveries)));
        parameters.AddWithValue("kind", record.Kind.ToString());
    }

    // Typed parameters, so a null still tells the server its type (COALESCE(@x, column) needs it).
    private static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Ticks(string name, DateTimeOffset? value) => new(name, NpgsqlDbType.Bigint) { Value = (object?)value?.UtcTicks ?? DBNull.Value };

    private static string Prefixed(string alias) => string.Join(", ", Columns.Split(", ").Select(c => alias + c));

    private static string? Json<T>(T? value) => value is null ? null : JsonSerializer.Serialize(value, MarketpilotJson.Options);

    private static T? FromJson<T>(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? default : JsonSerializer.Deserialize<T>(reader.GetString(ordinal), MarketpilotJson.Options);

    private static string? NullableText(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>Reads the <see cref="Columns"/> starting at column <paramref name="first"/>.</summary>
    private static ActionRecord Read(DbDataReader reader, int first)
    {
        int At(int column) => first + column;
        var id = reader.GetString(At(0));
        return new ActionRecord(
            ActionId: id,
            RuleId: reader.GetString(At(1)),
            RuleVersion: reader.GetString(At(2)),
            Sku: new SkuKey(reader.GetString(At(3)), reader.GetString(At(4)), reader.GetString(At(5))),
            Action: FromJson<RuleAction>(reader, At(6)) ?? throw new InvalidDataException($"Action '{id}' has no action payload."),
            Status: Enum.Parse<ActionStatus>(reader.GetString(At(7))),
            StatusReason: NullableText(reader, At(8)),
            ProposedAt: Utc(reader.GetInt64(At(9))),
            UpdatedAt: Utc(reader.GetInt64(At(10))),
            Attempts: reader.GetInt32(At(11)),
            NextAttemptAt: reader.IsDBNull(At(12)) ? null : Utc(reader.GetInt64(At(12))),
            Guardrail: FromJson<GuardrailRejection>(reader, At(13)),
            Replaced: FromJson<ReplacedValues>(reader, At(14)),
            UndoOf: NullableText(reader, At(15)),
            CreatedId: NullableText(reader, At(16)),
            Deliveries: FromJson<List<ChannelDelivery>>(reader, At(17)));
    }
}
