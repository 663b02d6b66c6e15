using Marketpilot.Persistence.Sqlite;

namespace Marketpilot.Grains.Tests.Support;

/// <summary>
/// A write that stops the storage's group-commit writer inside its flush until released: every write queued while it
/// is held goes into the next flush together, and nothing of the held flush is committed yet.
/// </summary>
internal sealed class WriterHold
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task<int> _write;

    private WriterHold(SqliteGrainStorage storage) =>
        _write = storage.Writes.WriteAsync(async _ =>
        {
            _held.SetResult();
            await _released.Task;
            return 0;
        });

    /// <summary>Queues a hold behind the writes already queued; <see cref="HeldAsync"/> completes when the writer reaches it.</summary>
    public static WriterHold Queue(SqliteGrainStorage storage) => new(storage);

    /// <summary>Holds the writer now: the writes queued from here on share the next flush.</summary>
    public static async Task<WriterHold> StartAsync(SqliteGrainStorage storage)
    {
        var hold = Queue(storage);
        await hold.HeldAsync;
        return hold;
    }

    public Task HeldAsync => _held.Task;

    public Task ReleaseAsync()
    {
        _released.SetResult();
        return _write;
    }
}
