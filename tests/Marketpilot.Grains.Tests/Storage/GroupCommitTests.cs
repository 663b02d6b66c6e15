using Marketpilot.Actions;
using Marketpilot.Grains.Skus;
using Marketpilot.Grains.Tests.Support;
using Marketpilot.Persistence.Sqlite;
using Orleans.Storage;

namespace Marketpilot.Grains.Tests.Storage;

/// <summary>Concurrent grain writes share one transaction per flush; each is acknowledged once that transaction is on disk and fails only for its own reasons.</summary>
public sealed class GroupCommitTests : IDisposable
{
    private const string StateName = "counter";
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task ConcurrentWritesOfManyGrainsAllLandWithTheirETags()
    {
        var storage = _database.Storage();
        var states = Enumerable.Range(0, 600).Select(i => new GrainState<Counter>(new Counter { Value = i })).ToArray();

        await WriteAllAsync(storage, states);
        Array.ForEach(states, s => s.State!.Value += 1000);
        await WriteAllAsync(storage, states);
        var read = await ReadAllAsync(_database.Storage(), states.Length);

        Assert.All(states, s => Assert.Equal("2", s.ETag));
        Assert.Equal(states.Select(s => (s.State!.Value, "2")), read.Select(r => (r.State!.Value, r.ETag!)));
    }

    [Fact]
    public async Task AStaleWriteFailsAloneAndTheOthersInItsFlushCommit()
    {
        var storage = _database.Storage();
        var states = await WrittenAsync(storage, 3);
        var stale = new GrainState<Counter>(new Counter { Value = 99 }) { ETag = "7" };
        var hold = await WriterHold.StartAsync(storage);

        var first = storage.WriteStateAsync(StateName, Grain(0), states[0]);
        var refused = storage.WriteStateAsync(StateName, Grain(1), stale);
        var last = storage.WriteStateAsync(StateName, Grain(2), states[2]);
        await hold.ReleaseAsync();

        await Task.WhenAll(first, last);
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => refused);
        var read = await ReadAllAsync(storage, 3);
        Assert.Equal("1", conflict.StoredEtag);
        Assert.Equal(["2", "1", "2"], read.Select(r => r.ETag));
        Assert.Equal([0, 1, 2], read.Select(r => r.State!.Value));
        Assert.Equal("7", stale.ETag);
    }

    [Fact]
    public async Task TheOutboxOfACommittedWriteIsLoggedAndThatOfARefusedWriteInTheSameFlushIsNot()
    {
        var storage = _database.Storage();
        var committed = new GrainState<SkuState>(new SkuState());
        committed.State!.Outbox.Add(Some.Action(sku: "kept"));
        var stale = new GrainState<SkuState>(new SkuState()) { ETag = "3" };
        stale.State!.Outbox.Add(Some.Action(sku: "lost"));
        var hold = await WriterHold.StartAsync(storage);

        var write = storage.WriteStateAsync(SkuGrain.StateName, GrainId.Create("sku", "simulator/demo/kept"), committed);
        var refused = storage.WriteStateAsync(SkuGrain.StateName, GrainId.Create("sku", "simulator/demo/lost"), stale);
        await hold.ReleaseAsync();

        await write;
        await Assert.ThrowsAsync<InconsistentStateException>(() => refused);
        Assert.Empty(committed.State.Outbox);
        Assert.Single(stale.State.Outbox);
        Assert.Equal(1, (await _database.ActionLog().QueryAsync(new ActionQuery(Sku: "kept"))).Total);
        Assert.Equal(0, (await _database.ActionLog().QueryAsync(new ActionQuery(Sku: "lost"))).Total);
    }

    [Fact]
    public async Task WritesOfOneGrainInOneFlushBehaveAsIfCommittedOneAfterTheOther()
    {
        var storage = _database.Storage();
        var current = (await WrittenAsync(storage, 1))[0];
        var chained = new GrainState<Counter>(new Counter { Value = 20 }) { ETag = "2" };
        var stale = new GrainState<Counter>(new Counter { Value = 30 }) { ETag = "1" };
        current.State!.Value = 10;
        var hold = await WriterHold.StartAsync(storage);

        var first = storage.WriteStateAsync(StateName, Grain(0), current);
        var second = storage.WriteStateAsync(StateName, Grain(0), chained);
        var third = storage.WriteStateAsync(StateName, Grain(0), stale);
        await hold.ReleaseAsync();

        await Task.WhenAll(first, second);
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => third);
        var read = (await ReadAllAsync(storage, 1))[0];
        Assert.Equal(("2", "3"), (current.ETag, chained.ETag));
        Assert.Equal("3", conflict.StoredEtag);
        Assert.Equal((20, "3"), (read.State!.Value, read.ETag));
    }

    [Fact]
    public async Task WhenAFlushLosesItsTransactionEveryWriteInItFailsAndNoneIsWritten()
    {
        var storage = _database.Storage();
        var states = await WrittenAsync(storage, 2);
        Array.ForEach(states, s => s.State!.Value += 100);
        var hold = await WriterHold.StartAsync(storage);

        var before = storage.WriteStateAsync(StateName, Grain(0), states[0]);
        var loses = storage.Writes.WriteAsync(async flush => await flush.ExecuteAsync("ROLLBACK;"));
        var after = storage.WriteStateAsync(StateName, Grain(1), states[1]);
        await hold.ReleaseAsync();

        foreach (var write in new[] { before, loses, after })
        {
            Assert.IsNotType<InconsistentStateException>(await Record.ExceptionAsync(() => write), exactMatch: false);
            Assert.True(write.IsFaulted);
        }

        var read = await ReadAllAsync(storage, 2);
        Assert.Equal([("1", 0), ("1", 1)], read.Select(r => (r.ETag!, r.State!.Value)));
        Assert.Equal(["1", "1"], states.Select(s => s.ETag));

        // The writer goes on: the next flush commits.
        await storage.WriteStateAsync(StateName, Grain(0), states[0]);
        Assert.Equal(("2", 100), (await ReadAllAsync(storage, 1)).Select(r => (r.ETag!, r.State!.Value)).Single());
    }

    [Fact]
    public async Task NoWriteIsAcknowledgedBeforeItsFlushCommits()
    {
        var storage = _database.Storage();
        var states = Enumerable.Range(0, 3).Select(i => new GrainState<Counter>(new Counter { Value = i })).ToArray();
        var hold = await WriterHold.StartAsync(storage);
        var writes = states.Select((s, i) => storage.WriteStateAsync(StateName, Grain(i), s)).ToArray();
        var midFlush = WriterHold.Queue(storage);

        await hold.ReleaseAsync();
        await midFlush.HeldAsync;
        var acknowledgedMidFlush = writes.Count(w => w.IsCompleted);
        var onDiskMidFlush = (await ReadAllAsync(_database.Storage(_database.CopyAsLeftOnDisk()), states.Length)).Count(r => r.RecordExists);
        await midFlush.ReleaseAsync();
        await Task.WhenAll(writes);

        Assert.Equal(0, acknowledgedMidFlush);
        Assert.Equal(0, onDiskMidFlush);
        Assert.All(states, s => Assert.Equal("1", s.ETag));
    }

    [Fact]
    public async Task EveryAcknowledgedWriteIsInTheFilesLeftOnDisk()
    {
        var storage = _database.Storage();
        var states = Enumerable.Range(0, 400).Select(i => new GrainState<Counter>(new Counter { Value = i })).ToArray();
        await WriteAllAsync(storage, states);
        Array.ForEach(states, s => s.State!.Value *= -1);
        await WriteAllAsync(storage, states);

        var leftOnDisk = _database.CopyAsLeftOnDisk();
        var read = await ReadAllAsync(_database.Storage(leftOnDisk), states.Length);

        Assert.Equal(states.Select(s => (s.State!.Value, s.ETag)), read.Select(r => (r.State!.Value, r.ETag)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(10_001, 0)]
    [InlineData(256, -1)]
    [InlineData(256, 101)]
    public void OutOfRangeFlushBoundsAreRefused(int maxWritesPerFlush, int flushDelayMilliseconds)
    {
        var options = new SqliteStorageOptions { DatabasePath = _database.Path, MaxWritesPerFlush = maxWritesPerFlush, FlushDelayMilliseconds = flushDelayMilliseconds };

        var result = new SqliteStorageOptionsValidator().Validate("Default", options);

        Assert.True(result.Failed);
    }

    [Fact]
    public async Task TheWriterThreadEndsWhenIdleAndTheNextWriteStartsAnother()
    {
        var storage = _database.Storage();
        storage.Writes.WriterIdleTimeout = TimeSpan.FromMilliseconds(50);
        var hold = await WriterHold.StartAsync(storage);
        var writing = WrittenAsync(storage, 2);

        // Held inside a flush, the writer is running however long that takes, and the writes queued behind it wait for it.
        await Task.Delay(200);
        Assert.True(storage.Writes.WriterRunning);
        Assert.False(writing.IsCompleted);
        await hold.ReleaseAsync();
        var states = await writing.WaitAsync(TimeSpan.FromSeconds(10));

        await WaitUntilAsync(() => !storage.Writes.WriterRunning);
        await storage.WriteStateAsync(StateName, Grain(1), states[1]).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("2", states[1].ETag);
        Assert.Equal(["1", "2"], (await ReadAllAsync(_database.Storage(), 2)).Select(r => r.ETag));
    }

    public void Dispose() => _database.Dispose();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private static GrainId Grain(int i) => GrainId.Create("counter", $"g{i:D4}");

    private static Task WriteAllAsync(SqliteGrainStorage storage, GrainState<Counter>[] states) =>
        Task.WhenAll(states.Select((s, i) => Task.Run(() => storage.WriteStateAsync(StateName, Grain(i), s))));

    private static async Task<GrainState<Counter>[]> WrittenAsync(SqliteGrainStorage storage, int count)
    {
        var states = Enumerable.Range(0, count).Select(i => new GrainState<Counter>(new Counter { Value = i })).ToArray();
        await WriteAllAsync(storage, states);
        return states;
    }

    private static async Task<GrainState<Counter>[]> ReadAllAsync(SqliteGrainStorage storage, int count)
    {
        var states = new GrainState<Counter>[count];
        for (var i = 0; i < count; i++)
        {
            states[i] = new GrainState<Counter>();
            await storage.ReadStateAsync(StateName, Grain(i), states[i]);
        }

        return states;
    }
}
