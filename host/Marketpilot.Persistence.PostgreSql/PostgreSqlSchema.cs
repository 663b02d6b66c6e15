using Npgsql;

namespace Marketpilot.Persistence.PostgreSql;

/// <summary>
/// Every table Marketpilot keeps in PostgreSQL, created or upgraded in one place: the host's own tables and the tables
/// and stored queries of Orleans' ADO.NET clustering and reminders (<see cref="OrleansAdoNetSchema"/>).
/// </summary>
/// <remarks>
/// Idempotent: every statement creates only what is missing, and the stored queries are replaced with this version's
/// text. It runs in one transaction under an advisory lock, so silos starting together and <c>db init</c> never race;
/// a failure leaves the database as it was.
/// </remarks>
internal static class PostgreSqlSchema
{
    /// <summary>The schema this build writes; stored in <c>marketpilot_schema</c> for operators.</summary>
    public const int Version = 1;

    // Any fixed number works: it only has to be the same for every process that upgrades this database.
    private const long UpgradeLockKey = 0x6d61726b70696c6f;

    private const string Tables = """
        CREATE TABLE IF NOT EXISTS marketpilot_schema (
            id integer PRIMARY KEY CHECK (id = 1),
            version integer NOT NULL,
            upgraded_at timestamptz NOT NULL
        );
        CREATE TABLE IF NOT EXISTS grain_state (
            state_name text NOT NULL,
            grain_id text COLLATE "C" NOT NULL,
            version bigint NOT NULL,
            payload text NULL,
            updated_at timestamptz NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        );
        CREATE TABLE IF NOT EXISTS action_log (
            id text NOT NULL PRIMARY KEY,
            seq bigint GENERATED ALWAYS AS IDENTITY,
            rule_id text NOT NULL,
            rule_version text NOT NULL,
            marketplace text NOT NULL,
            shop_id text NOT NULL,
            sku text NOT NULL,
            kind text NOT NULL,
            action text NOT NULL,
            status text NOT NULL,
            status_reason text NULL,
            proposed_at bigint NOT NULL,
            updated_at bigint NOT NULL
        );
        """;

    // Columns added to action_log after its first shape, as in the embedded store; older databases get them on upgrade.
    private const string ActionLogColumns = """
        ALTER TABLE action_log
            ADD COLUMN IF NOT EXISTS attempts integer NOT NULL DEFAULT 0,
            ADD COLUMN IF NOT EXISTS next_attempt_at bigint NULL,
            ADD COLUMN IF NOT EXISTS lease_owner text NULL,
            ADD COLUMN IF NOT EXISTS guardrail text NULL,
            ADD COLUMN IF NOT EXISTS replaced text NULL,
            ADD COLUMN IF NOT EXISTS undo_of text NULL,
            ADD COLUMN IF NOT EXISTS created_id text NULL,
            ADD COLUMN IF NOT EXISTS deliveries text NULL;
        """;

    private const string Indexes = """
        CREATE UNIQUE INDEX IF NOT EXISTS ix_action_log_seq ON action_log (seq);
        CREATE INDEX IF NOT EXISTS ix_action_log_proposed_at ON action_log (proposed_at DESC, seq DESC);
        CREATE INDEX IF NOT EXISTS ix_action_log_sku ON action_log (sku, proposed_at DESC);
        CREATE INDEX IF NOT EXISTS ix_action_log_rule ON action_log (rule_id, proposed_at DESC);
        CREATE INDEX IF NOT EXISTS ix_action_log_status ON action_log (status, proposed_at DESC);
        CREATE INDEX IF NOT EXISTS ix_action_log_pending ON action_log (seq) WHERE status = 'Proposed';
        CREATE INDEX IF NOT EXISTS ix_action_log_pending_sku ON action_log (marketplace, shop_id, sku, seq) WHERE status = 'Proposed';
        CREATE INDEX IF NOT EXISTS ix_action_log_undo_of ON action_log (undo_of) WHERE undo_of IS NOT NULL;
        """;

    private const string RecordVersion = """
        INSERT INTO marketpilot_schema (id, version, upgraded_at) VALUES (1, @version, now())
        ON CONFLICT (id) DO UPDATE SET version = GREATEST(marketpilot_schema.version, excluded.version), upgraded_at = now();
        """;

    /// <summary>Creates or upgrades every table and stored query.</summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="cancellationToken">Cancels the upgrade, which then leaves nothing half done.</param>
    public static async Task CreateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({UpgradeLockKey});", cancellationToken);
        await ExecuteAsync(connection, Tables + ActionLogColumns + Indexes + OrleansAdoNetSchema.Tables, cancellationToken);
        await OrleansAdoNetSchema.StoreQueriesAsync(connection, cancellationToken);

        await using (var version = new NpgsqlCommand(RecordVersion, connection))
        {
            version.Parameters.AddWithValue("version", Version);
            await version.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
