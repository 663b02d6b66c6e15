using Microsoft.Data.Sqlite;

namespace Marketpilot.Persistence.Sqlite;

/// <summary>Every table of the embedded SQLite file, created or upgraded in one place, whichever store opens the file first.</summary>
internal static class SqliteSchema
{
    // A rowid table, not WITHOUT ROWID: a state's JSON (2 KB for a SKU) is larger than what an index b-tree keeps in
    // its page (about 1 KB on 4 KB pages), so there every write also rewrote overflow pages; a row of a rowid table
    // keeps up to 4 KB in place. That made each write in a group commit a quarter cheaper at 100,000 SKUs.
    private const string GrainStateColumns = """
        (
            state_name TEXT NOT NULL,
            grain_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            payload TEXT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        )
        """;

    private const string Tables = $"""
        CREATE TABLE IF NOT EXISTS grain_state {GrainStateColumns};
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
        CREATE TABLE IF NOT EXISTS reminders (
            service_id TEXT NOT NULL,
            grain_id TEXT NOT NULL,
            reminder_name TEXT NOT NULL,
            start_at INTEGER NOT NULL,
            period INTEGER NOT NULL,
            grain_hash INTEGER NOT NULL,
            version INTEGER NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_reminders_hash ON reminders (service_id, grain_hash);
        """;

    // Columns added to action_log after the first release; files written by older versions get them on open.
    private static readonly (string Name, string Definition)[] ActionLogColumns =
    [
        ("attempts", "INTEGER NOT NULL DEFAULT 0"),
        ("next_attempt_at", "INTEGER NULL"),
        ("lease_owner", "TEXT NULL"),
        ("guardrail", "TEXT NULL"),
        ("replaced", "TEXT NULL"),
        ("undo_of", "TEXT NULL"),
        ("created_id", "TEXT NULL"),
        ("deliveries", "TEXT NULL"),
    ];

    private const string Indexes = """
        CREATE INDEX IF NOT EXISTS ix_action_log_pending_sku ON action_log (marketplace, shop_id, sku) WHERE status = 'Proposed';
        CREATE INDEX IF NOT EXISTS ix_action_log_undo_of ON action_log (undo_of) WHERE undo_of IS NOT NULL;
        """;

    public static async Task CreateAsync(SqliteConnection connection)
    {
        await using var tables = connection.CreateCommand();
        tables.CommandText = "PRAGMA journal_mode = WAL;" + Tables;
        await tables.ExecuteNonQueryAsync();

        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var columns = connection.CreateCommand())
        {
            columns.CommandText = "SELECT name FROM pragma_table_info('action_log');";
            await using var reader = await columns.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                existing.Add(reader.GetString(0));
            }
        }

        foreach (var (name, definition) in ActionLogColumns.Where(c => !existing.Contains(c.Name)))
        {
            await using var alter = connection.CreateCommand();
            alter.CommandText = $"ALTER TABLE action_log ADD COLUMN {name} {definition};";
            await alter.ExecuteNonQueryAsync();
        }

        await using var indexes = connection.CreateCommand();
        indexes.CommandText = Indexes;
        await indexes.ExecuteNonQueryAsync();

        await MoveGrainStatesToARowidTableAsync(connection);
    }

    /// <summary>Files written before grain_state became a rowid table get their states copied into one, once.</summary>
    private static async Task MoveGrainStatesToARowidTableAsync(SqliteConnection connection)
    {
        if (!await IsWithoutRowidAsync(connection, transaction: null))
        {
            return;
        }

        await using var transaction = connection.BeginTransaction(deferred: false);

        // Checked again inside the write transaction, so a second process opening the file at once does not copy again.
        if (!await IsWithoutRowidAsync(connection, transaction))
        {
            return;
        }

        await using var move = connection.CreateCommand();
        move.Transaction = transaction;
        move.CommandText = $"""
            CREATE TABLE grain_state_rowid {GrainStateColumns};
            INSERT INTO grain_state_rowid (state_name, grain_id, version, payload, updated_at)
                SELECT state_name, grain_id, version, payload, updated_at FROM grain_state ORDER BY state_name, grain_id;
            DROP TABLE grain_state;
            ALTER TABLE grain_state_rowid RENAME TO grain_state;
            """;
        await move.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private static async Task<bool> IsWithoutRowidAsync(SqliteConnection connection, SqliteTransaction? transaction)
    {
        await using var check = connection.CreateCommand();
        check.Transaction = transaction;
        check.CommandText = "SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = 'grain_state';";
        return await check.ExecuteScalarAsync() is 1L;
    }
}
