using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Marketpilot.Persistence.PostgreSql;

/// <summary>
/// Group commit on PostgreSQL: the grain writes of many callers are gathered and committed in one transaction, sent as
/// one batch of statements, so one round trip and one WAL flush serve them all.
/// </summary>
/// <remarks>
/// <para>What <see cref="WriteAsync"/> promises its caller:</para>
/// <list type="bullet">
/// <item>Its task succeeds only after the transaction holding the write has committed; with the server's
/// <c>synchronous_commit = on</c> (the default) the write is then in the WAL on disk.</item>
/// <item>A write whose row does not have the expected version changes nothing and answers <see langword="null"/>; the
/// other writes of the flush still commit. A write's outbox records are inserted only when its row was written.</item>
/// <item>Writes run in the order they were queued, so two writes of one row in one flush behave as if committed one
/// after the other.</item>
/// <item>If a flush fails (the server is gone, a statement errs), its writes are tried again one transaction each, so
/// one bad write fails alone and every other gets its own answer.</item>
/// </list>
/// <para>A flush takes at most <see cref="PostgreSqlStorageOptions.MaxWritesPerFlush"/> writes, whatever was queued while
/// the previous flushes ran; <see cref="PostgreSqlStorageOptions.ConcurrentFlushes"/> flushes run at a time, so one
/// waits for its commit while the next is executing.</para>
/// </remarks>
internal sealed partial class PostgreSqlWriteQueue
{
    /// <summary>
    /// The meter of the PostgreSQL store: <c>marketpilot.store.flush.writes</c> and <c>marketpilot.store.flush.duration</c>,
    /// tagged <c>marketpilot.store.database</c> (host, port and database).
    /// </summary>
    public const string MeterName = "Marketpilot.Persistence.PostgreSql";

    private const string InsertSql = """
        INSERT INTO grain_state (state_name, grain_id, version, payload, updated_at)
        VALUES ($1, $2, 1, $3, $4)
        ON CONFLICT (state_name, grain_id) DO NOTHING
        RETURNING version;
        """;

    private const string UpdateSql = """
        UPDATE grain_state SET version = version + 1, payload = $3, updated_at = $4
        WHERE state_name = $1 AND grain_id = $2 AND version = $5
        RETURNING version;
        """;

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<int> FlushWrites = Meter.CreateHistogram<int>("marketpilot.store.flush.writes", "{write}", "Grain writes committed in one group commit");
    private static readonly Histogram<double> FlushDuration = Meter.CreateHistogram<double>("marketpilot.store.flush.duration", "ms", "Time from beginning a group commit's transaction to its durable commit");

    private readonly PostgreSqlDatabase _database;
    private readonly KeyValuePair<string, object?> _databaseTag;
    private readonly int _maxWritesPerFlush;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();

    public PostgreSqlWriteQueue(PostgreSqlDatabase database, PostgreSqlStorageOptions options, ILogger logger)
    {
        _database = database;
        _databaseTag = new("marketpilot.store.database", database.Description);
        _maxWritesPerFlush = options.MaxWritesPerFlush;
        _logger = logger;

        // The flushers wait on the channel when idle; they live as long as the process, like the connection pool.
        for (var i = 0; i < options.ConcurrentFlushes; i++)
        {
            _ = Task.Run(RunAsync);
        }
    }

    /// <summary>Queues a write and completes once the flush holding it has committed.</summary>
    /// <returns>The row's new version; <see langword="null"/> when the row did not have the expected version.</returns>
    public Task<long?> WriteAsync(PostgreSqlGrainWrite write)
    {
        var pending = new Pending(write);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The PostgreSQL write queue is closed.");
        }

        return pending.Done.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(_maxWritesPerFlush);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxWritesPerFlush && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await FlushAsync(batch);
            }
            catch (Exception exception) when (batch.Count > 1)
            {
                LogFlushRetried(exception, batch.Count, _database.Description);
                foreach (var write in batch)
                {
                    await FlushAloneAsync(write);
                }
            }
            catch (Exception exception)
            {
                batch[0].Done.TrySetException(exception);
            }

            batch.Clear();
        }
    }

    private async Task FlushAloneAsync(Pending write)
    {
        try
        {
            await FlushAsync([write]);
        }
        catch (Exception exception)
        {
            write.Done.TrySetException(exception);
        }
    }

    private async Task FlushAsync(List<Pending> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var versions = new long?[batch.Count];
        await using (var connection = await _database.OpenAsync(CancellationToken.None))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var statements = new NpgsqlBatch(connection, transaction))
            {
                foreach (var pending in batch)
                {
                    statements.BatchCommands.Add(Statement(pending.Write));
                }

                await using var reader = await statements.ExecuteReaderAsync();
                for (var i = 0; i < batch.Count; i++)
                {
                    versions[i] = await reader.ReadAsync() ? reader.GetInt64(0) : null;
                    await reader.NextResultAsync();
                }
            }

            var outbox = batch.Where((p, i) => versions[i] is not null && p.Write.Outbox is { Count: > 0 }).SelectMany(p => p.Write.Outbox!).ToList();
            if (outbox.Count > 0)
            {
                await PostgreSqlActionLog.InsertAsync(connection, transaction, outbox, CancellationToken.None);
            }

            await transaction.CommitAsync();
        }

        FlushWrites.Record(batch.Count, _databaseTag);
        FlushDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, _databaseTag);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Done.TrySetResult(versions[i]);
        }
    }

    private static NpgsqlBatchCommand Statement(PostgreSqlGrainWrite write)
    {
        var command = new NpgsqlBatchCommand(write.ExpectedVersion is null ? InsertSql : UpdateSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = write.StateName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = write.GrainId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = write.Payload });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = write.At });
        if (write.ExpectedVersion is { } version)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        }

        return command;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group commit of {Count} grain writes to {Database} failed; trying each write in a transaction of its own")]
    private partial void LogFlushRetried(Exception exception, int count, string database);

    // Continuations run off the flusher, so a caller never delays the next flush.
    private sealed class Pending(PostgreSqlGrainWrite write)
    {
        public PostgreSqlGrainWrite Write { get; } = write;

        public TaskCompletionSource<long?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
