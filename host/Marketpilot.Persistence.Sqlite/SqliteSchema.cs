using Microsoft.Data.Sqlite;

namespace Marketpilot.Persistence.Sqlite;

/// <summary>Every table of the embedded SQLite file, created or upgraded in one place, whichever store opens the file first.</summary>
internal static class SqliteSchema
{
    private const string Tables = """
        CREATE TABLE IF NOT EXISTS grain_state (
            state_name TEXT NOT NULL,
            grain_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            payload TEXT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        ) WITHOUT ROWID;
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
    }
}
