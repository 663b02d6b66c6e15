using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Marketpilot.Persistence.Sqlite;

/// <summary>
/// Orleans' reminder table in the embedded SQLite file (table <c>reminders</c>), so reminders outlive a restart of the
/// silo just as grain state does. Rows are keyed by the cluster's service id, the grain and the reminder name; the ETag
/// is a version number that every upsert raises, and a removal only happens when the caller's ETag is the current one.
/// </summary>
/// <param name="database">The SQLite file.</param>
/// <param name="cluster">The cluster's service id.</param>
internal sealed class SqliteReminderTable(SqliteDatabase database, IOptions<ClusterOptions> cluster) : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_at, period, version";
    private readonly string _serviceId = cluster.Value.ServiceId;

    public Task StartAsync(CancellationToken cancellationToken = default) => database.EnsureCreatedAsync().WaitAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) => QueryAsync(
        $"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_id = $grain;",
        c => c.Parameters.AddWithValue("$grain", grainId.ToString()),
        cancellationToken);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    // The range (begin, end] of the hash ring; when begin >= end it wraps around past the top.
    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) => QueryAsync(
        begin < end
            ? $"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_hash > $begin AND grain_hash <= $end;"
            : $"SELECT {Columns} FROM reminders WHERE service_id = $service AND (grain_hash > $begin OR grain_hash <= $end);",
        c =>
        {
            c.Parameters.AddWithValue("$begin", (long)begin);
            c.Parameters.AddWithValue("$end", (long)end);
        },
        cancellationToken);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"SELECT {Columns} FROM reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name;",
            c =>
            {
                c.Parameters.AddWithValue("$grain", grainId.ToString());
                c.Parameters.AddWithValue("$name", reminderName);
            },
            cancellationToken);

        // Orleans reads a missing reminder as null.
        return rows.Reminders.SingleOrDefault();
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    // A single autocommit statement: with synchronous=FULL it is on disk before the new ETag is returned.
    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.ReminderName, nameof(entry));
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO reminders (service_id, grain_id, reminder_name, start_at, period, grain_hash, version)
            VALUES ($service, $grain, $name, $start, $period, $hash, 1)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
                start_at = excluded.start_at, period = excluded.period, grain_hash = excluded.grain_hash, version = reminders.version + 1
            RETURNING version;
            """;
        command.Parameters.AddWithValue("$service", _serviceId);
        command.Parameters.AddWithValue("$grain", entry.GrainId.ToString());
        command.Parameters.AddWithValue("$name", entry.ReminderName);
        command.Parameters.AddWithValue("$start", entry.StartAt.ToUniversalTime().Ticks);
        command.Parameters.AddWithValue("$period", entry.Period.Ticks);
        command.Parameters.AddWithValue("$hash", (long)entry.GrainId.GetUniformHashCode());
        var version = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return version.ToString(CultureInfo.InvariantCulture);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        // An ETag this table never issued matches no row.
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM reminders WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name AND version = $version;";
        command.Parameters.AddWithValue("$service", _serviceId);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$name", reminderName);
        command.Parameters.AddWithValue("$version", version);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public async Task TestOnlyClearTable(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM reminders WHERE service_id = $service;";
        command.Parameters.AddWithValue("$service", _serviceId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<ReminderTableData> QueryAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$service", _serviceId);
        bind(command);
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(ReadEntry(reader));
        }

        return new ReminderTableData(entries);
    }

    // A row Orleans cannot use (edited by hand, damaged) is named with its file, so the operator knows what to delete.
    private ReminderEntry ReadEntry(SqliteDataReader reader)
    {
        var grain = reader.GetString(0);
        var name = reader.GetString(1);
        try
        {
            return new ReminderEntry
            {
                GrainId = GrainId.Parse(grain),
                ReminderName = name,
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            };
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidCastException)
        {
            throw new InvalidDataException(
                $"Reminder '{name}' of grain '{grain}' (service '{_serviceId}') in table reminders of {database.DatabasePath} is unreadable: {e.Message}", e);
        }
    }
}
