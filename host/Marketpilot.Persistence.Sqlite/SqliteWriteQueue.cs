using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Persistence.Sqlite;

/// <summary>
/// Group commit: the writes of many callers go through one writer, which commits the writes queued at that moment in
/// one transaction, so one fsync serves them all instead of one fsync each.
/// </summary>
/// <remarks>
/// <para>What <see cref="WriteAsync{T}"/> promises its caller:</para>
/// <list type="bullet">
/// <item>Its task succeeds only after the transaction holding the write has committed, and the database runs
/// <c>synchronous=FULL</c>: an acknowledged write is on disk, and a power cut cannot lose it.</item>
/// <item>Each write runs in a savepoint of its own. A write that throws (a stale ETag) is rolled back alone and its
/// caller gets that exception; the other writes of the flush still commit.</item>
/// <item>Writes run in the order they were queued, each seeing the ones before it, so two writes of the same row in one
/// flush behave as if they had committed one after the other.</item>
/// <item>If the flush itself fails (the transaction cannot begin, a savepoint cannot be rolled back because SQLite lost
/// the transaction, the commit fails), nothing of it is written and every caller whose write had not failed on its own
/// gets that exception.</item>
/// </list>
/// <para>A flush takes at most <see cref="SqliteStorageOptions.MaxWritesPerFlush"/> writes. With
/// <see cref="SqliteStorageOptions.FlushDelayMilliseconds"/> at 0, it takes whatever queued while the previous flush was
/// committing; otherwise it waits that long after the first write for more to arrive.</para>
/// </remarks>
internal sealed partial class SqliteWriteQueue
{
    /// <summary>The meter of the embedded store: <c>marketpilot.store.flush.writes</c> and <c>marketpilot.store.flush.duration</c>.</summary>
    public const string MeterName = "Marketpilot.Persistence.Sqlite";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<int> FlushWrites = Meter.CreateHistogram<int>("marketpilot.store.flush.writes", "{write}", "Grain writes committed in one group commit");
    private static readonly Histogram<double> FlushDuration = Meter.CreateHistogram<double>("marketpilot.store.flush.duration", "ms", "Time from beginning a group commit's transaction to its durable commit");

    private readonly SqliteDatabase _database;
    private readonly int _maxWritesPerFlush;
    private readonly TimeSpan _flushDelay;
    private readonly ILogger _logger;
    private readonly BlockingCollection<PendingWrite> _queue = new(new ConcurrentQueue<PendingWrite>());

    // 1 while a writer thread runs. It starts with the first write and ends after WriterIdleTimeout without one, so a
    // busy store keeps one thread and an idle one (a test's temporary database, a quiet silo) holds none.
    private int _writerRunning;

    public SqliteWriteQueue(SqliteDatabase database, SqliteStorageOptions options, ILogger logger)
    {
        _database = database;
        _maxWritesPerFlush = options.MaxWritesPerFlush;
        _flushDelay = TimeSpan.FromMilliseconds(options.FlushDelayMilliseconds);
        _logger = logger;
    }

    /// <summary>How long the writer thread waits for a write before it ends; the next write starts another.</summary>
    internal TimeSpan WriterIdleTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Queues a write and completes once the flush holding it has committed durably.</summary>
    /// <param name="write">Runs on the writer, inside the flush's transaction; it must not touch the caller's state.</param>
    /// <returns>What <paramref name="write"/> returned, after the commit.</returns>
    public Task<T> WriteAsync<T>(Func<SqliteFlush, Task<T>> write)
    {
        var pending = new PendingWrite<T>(write);
        _queue.Add(pending);
        StartWriterIfIdle();
        return pending.Task;
    }

    /// <summary>Whether a writer thread is running now (tests check that an idle queue holds no thread).</summary>
    internal bool WriterRunning => Volatile.Read(ref _writerRunning) == 1;

    private void StartWriterIfIdle()
    {
        if (Interlocked.CompareExchange(ref _writerRunning, 1, 0) == 0)
        {
            // A thread of its own, not the pool: SQLite's calls block (the commit's fsync above all), and on the thread
            // pool each flush held one of its few threads (two on two cores) while the grains' work queued behind it.
            new Thread(Run) { IsBackground = true, Name = "Marketpilot SQLite group commit" }.Start();
        }
    }

    private void Run()
    {
        var batch = new List<PendingWrite>(_maxWritesPerFlush);
        while (true)
        {
            if (!_queue.TryTake(out var first, WriterIdleTimeout))
            {
                Interlocked.Exchange(ref _writerRunning, 0); // a full fence: the queue is read after the flag is cleared

                // A write queued after the timeout but before the flag cleared saw a running writer and started none:
                // this thread takes it up again, unless a new writer already has.
                if (_queue.Count == 0 || Interlocked.CompareExchange(ref _writerRunning, 1, 0) != 0)
                {
                    return;
                }

                continue;
            }

            batch.Add(first);
            Take(batch);
            if (_flushDelay > TimeSpan.Zero && batch.Count < _maxWritesPerFlush)
            {
                Thread.Sleep(_flushDelay);
                Take(batch);
            }

            // Microsoft.Data.Sqlite's async calls complete synchronously, so the flush runs here, not on the pool.
            FlushAsync(batch).GetAwaiter().GetResult();
            batch.Clear();
        }
    }

    private void Take(List<PendingWrite> batch)
    {
        while (batch.Count < _maxWritesPerFlush && _queue.TryTake(out var write))
        {
            batch.Add(write);
        }
    }

    private async Task FlushAsync(List<PendingWrite> batch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var connection = await _database.OpenAsync(CancellationToken.None);
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using var flush = new SqliteFlush(connection, transaction);
            foreach (var write in batch)
            {
                await flush.ExecuteAsync("SAVEPOINT grain_write;");
                try
                {
                    await write.ApplyAsync(flush);
                }
                catch (Exception exception)
                {
                    write.Fail(exception);

                    // Throws when SQLite has already rolled the whole transaction back (disk full, I/O error): the flush fails.
                    await flush.ExecuteAsync("ROLLBACK TO grain_write;");
                }

                await flush.ExecuteAsync("RELEASE grain_write;");
            }

            await transaction.CommitAsync();
        }
        catch (Exception exception)
        {
            LogFlushFailed(exception, batch.Count, _database.DatabasePath);
            foreach (var write in batch)
            {
                write.Complete(exception);
            }

            return;
        }

        FlushWrites.Record(batch.Count);
        FlushDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        foreach (var write in batch)
        {
            write.Complete(flushFailure: null);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A group commit of {Count} grain writes to {DatabasePath} failed; every write in it failed and nothing of it was written")]
    private partial void LogFlushFailed(Exception exception, int count, string databasePath);

    private abstract class PendingWrite
    {
        private Exception? _failure;

        public abstract Task ApplyAsync(SqliteFlush flush);

        public void Fail(Exception exception) => _failure = exception;

        /// <summary>Answers the caller: its own failure first, else the flush's, else its result.</summary>
        public void Complete(Exception? flushFailure)
        {
            if ((_failure ?? flushFailure) is { } failure)
            {
                SetException(failure);
            }
            else
            {
                SetResult();
            }
        }

        protected abstract void SetException(Exception exception);

        protected abstract void SetResult();
    }

    private sealed class PendingWrite<T>(Func<SqliteFlush, Task<T>> write) : PendingWrite
    {
        // Continuations run off the writer, so a caller never delays the next flush.
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _done.Task;

        public override async Task ApplyAsync(SqliteFlush flush) => _result = await write(flush);

        protected override void SetException(Exception exception) => _done.TrySetException(exception);

        protected override void SetResult() => _done.TrySetResult(_result);
    }
}
