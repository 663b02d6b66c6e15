using Npgsql;

namespace Marketpilot.Persistence.PostgreSql;

/// <summary>
/// The tables and stored queries Orleans' ADO.NET clustering and reminder providers need on PostgreSQL. The packages
/// ship no SQL: each provider reads its statements by key from table <c>OrleansQuery</c> when it starts, binds
/// parameters named after its columns (<c>@DeploymentId</c>, <c>@Version</c>, ...) and reads result columns by name.
/// </summary>
/// <remarks>
/// The contract, as the providers use it: a statement read as a boolean returns one row of one column, greater than 0
/// when it took effect; a membership row changes only if the table version still equals <c>@Version</c>, and then the
/// version goes up by one in the same statement (the membership protocol's optimistic concurrency); reminder versions
/// are the ETags. Each statement here is one SQL statement, so it is atomic without a function.
/// </remarks>
internal static class OrleansAdoNetSchema
{
    public const string Tables = """
        CREATE TABLE IF NOT EXISTS OrleansQuery (
            QueryKey varchar(64) NOT NULL PRIMARY KEY,
            QueryText text NOT NULL
        );
        CREATE TABLE IF NOT EXISTS orleans_membership_version (
            deployment_id varchar(150) NOT NULL PRIMARY KEY,
            version integer NOT NULL DEFAULT 0,
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE IF NOT EXISTS orleans_membership (
            deployment_id varchar(150) NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
            address varchar(45) NOT NULL,
            port integer NOT NULL,
            generation integer NOT NULL,
            silo_name varchar(150) NOT NULL,
            host_name varchar(150) NOT NULL,
            status integer NOT NULL,
            proxy_port integer NULL,
            suspect_times text NULL,
            start_time timestamptz NOT NULL,
            i_am_alive_time timestamptz NOT NULL,
            PRIMARY KEY (deployment_id, address, port, generation)
        );
        CREATE TABLE IF NOT EXISTS orleans_reminders (
            service_id varchar(150) NOT NULL,
            grain_id varchar(150) NOT NULL,
            reminder_name varchar(150) NOT NULL,
            start_time timestamptz NOT NULL,
            period bigint NOT NULL,
            grain_hash integer NOT NULL,
            version integer NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name)
        );
        CREATE INDEX IF NOT EXISTS ix_orleans_reminders_hash ON orleans_reminders (service_id, grain_hash);
        """;

    private const string MembershipColumns = """
        v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
        m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
        m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime, v.version AS Version
        """;

    private const string ReminderColumns =
        "grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version";

    /// <summary>The statements by the key the providers look them up with.</summary>
    public static readonly IReadOnlyDictionary<string, string> Queries = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["InsertMembershipVersionKey"] = """
            WITH inserted AS (
                INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
                ON CONFLICT (deployment_id) DO NOTHING RETURNING 1)
            SELECT count(*)::int FROM inserted;
            """,

        // The version moves only when the row is new and the caller saw the current version; the row is inserted only
        // when the version moved. A row that exists after all (a race) fails the statement, which rolls back both.
        ["InsertMembershipKey"] = """
            WITH bumped AS (
                UPDATE orleans_membership_version SET version = version + 1, updated_at = now()
                WHERE deployment_id = @DeploymentId AND version = @Version
                  AND NOT EXISTS (SELECT 1 FROM orleans_membership
                                  WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
                RETURNING deployment_id),
            inserted AS (
                INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
                SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime FROM bumped
                RETURNING 1)
            SELECT count(*)::int FROM inserted;
            """,

        ["UpdateMembershipKey"] = """
            WITH bumped AS (
                UPDATE orleans_membership_version SET version = version + 1, updated_at = now()
                WHERE deployment_id = @DeploymentId AND version = @Version
                  AND EXISTS (SELECT 1 FROM orleans_membership
                              WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
                RETURNING deployment_id),
            updated AS (
                UPDATE orleans_membership m SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
                FROM bumped b
                WHERE m.deployment_id = b.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
                RETURNING 1)
            SELECT count(*)::int FROM updated;
            """,

        // A heartbeat, not a membership change: the version stays.
        ["UpdateIAmAlivetimeKey"] = """
            UPDATE orleans_membership SET i_am_alive_time = @IAmAliveTime
            WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
            """,

        // The version row comes back even when no silo matches: the provider reads the table version from it.
        ["MembershipReadRowKey"] = $"""
            SELECT {MembershipColumns}
            FROM orleans_membership_version v
            LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
                AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
            WHERE v.deployment_id = @DeploymentId;
            """,

        ["MembershipReadAllKey"] = $"""
            SELECT {MembershipColumns}
            FROM orleans_membership_version v
            LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
            WHERE v.deployment_id = @DeploymentId;
            """,

        // The silo rows go with their version row (ON DELETE CASCADE).
        ["DeleteMembershipTableEntriesKey"] = "DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId;",

        ["GatewaysQueryKey"] = """
            SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
            FROM orleans_membership
            WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
            """,

        // Status 3 is Active: a silo that still says it is active is left for the membership protocol to declare dead.
        ["CleanupDefunctSiloEntriesKey"] = """
            DELETE FROM orleans_membership
            WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3;
            """,

        ["UpsertReminderRowKey"] = """
            INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
            VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
                SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
                    version = orleans_reminders.version + 1
            RETURNING version AS Version;
            """,

        ["ReadReminderRowsKey"] = $"""
            SELECT {ReminderColumns} FROM orleans_reminders
            WHERE service_id = @ServiceId AND grain_id = @GrainId;
            """,

        ["ReadReminderRowKey"] = $"""
            SELECT {ReminderColumns} FROM orleans_reminders
            WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
            """,

        // The provider picks 1 for a hash range that does not wrap around and 2 for one that does.
        ["ReadRangeRows1Key"] = $"""
            SELECT {ReminderColumns} FROM orleans_reminders
            WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
            """,

        ["ReadRangeRows2Key"] = $"""
            SELECT {ReminderColumns} FROM orleans_reminders
            WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
            """,

        ["DeleteReminderRowKey"] = """
            WITH deleted AS (
                DELETE FROM orleans_reminders
                WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
                RETURNING 1)
            SELECT count(*)::int FROM deleted;
            """,

        ["DeleteReminderRowsKey"] = "DELETE FROM orleans_reminders WHERE service_id = @ServiceId;",
    };

    /// <summary>Writes <see cref="Queries"/> into <c>OrleansQuery</c>, replacing the text an older version stored.</summary>
    public static async Task StoreQueriesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES (@key, @text) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;",
            connection);
        var key = command.Parameters.Add(new NpgsqlParameter<string>("key", string.Empty));
        var text = command.Parameters.Add(new NpgsqlParameter<string>("text", string.Empty));
        foreach (var (name, sql) in Queries)
        {
            key.Value = name;
            text.Value = sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
