using Microsoft.Data.Sqlite;

namespace Marketpilot.Persistence.Sqlite;

/// <summary>
/// The open transaction of one group commit (<see cref="SqliteWriteQueue"/>). Its commands are prepared once per flush
/// and reused by every write in it, since preparing a statement costs more than running it.
/// </summary>
internal sealed class SqliteFlush(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    public SqliteTransaction Transaction => transaction;

    /// <summary>The flush's command for <paramref name="sql"/>, with no parameters set.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        return command;
    }

    public Task<int> ExecuteAsync(string sql) => Command(sql).ExecuteNonQueryAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }
    }
}
