using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Marketpilot.Actions;
using Marketpilot.Persistence.PostgreSql.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Storage;

namespace Marketpilot.Persistence.PostgreSql.Tests.Storage;

/// <summary>Concurrent grain writes committed together (group commit), each still answered on its own.</summary>
public sealed class PostgreSqlGroupCommitTests : DatabaseTest
{
    private const string StateName = "sku";

    [SkippableFact]
    public async Task ConcurrentWritesShareTransactionsAndEachIsStored()
    {
        var storage = Storage();
        using var flushes = new FlushSizes(Database.Name);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            storage.WriteStateAsync(StateName, Grain($"g{i}"), new GrainState<TestState>(new TestState { Price = $"{i}" }))));

        Assert.Equal(200, flushes.Sizes.Sum());
        Assert.True(flushes.Sizes.Count < 200, $"200 writes took {flushes.Sizes.Count} transactions: none were shared");
        for (var i = 0; i < 200; i++)
        {
            var read = new GrainState<TestState>();
            await storage.ReadStateAsync(StateName, Grain($"g{i}"), read);
            Assert.Equal($"{i}", read.State!.Price);
        }
    }

    [SkippableFact]
    public async Task AStaleWriteAmongOthersFailsAloneAndLogsNoneOfItsRecords()
    {
        var storage = Storage();
        var current = new GrainState<TestState>(new TestState());
        await storage.WriteStateAsync(StateName, Grain("stale"), current);
        await storage.WriteStateAsync(StateName, Grain("stale"), current);
        var stale = new GrainState<TestState>(new TestState { Price = "1" }) { ETag = "1" };
        stale.State!.Outbox.Add(Some.Action(sku: "stale"));
        var fresh = Enumerable.Range(0, 50).Select(i =>
        {
            var state = new GrainState<TestState>(new TestState());
            state.State!.Outbox.Add(Some.Action(sku: $"fresh-{i}"));
            return (Grain: Grain($"fresh-{i}"), State: state);
        }).ToList();

        var writes = fresh.Select(f => storage.WriteStateAsync(StateName, f.Grain, f.State)).ToList();
        var refused = Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Grain("stale"), stale));
        await Task.WhenAll(writes);

        Assert.Equal("2", (await refused).StoredEtag);
        Assert.Single(stale.State!.Outbox);
        Assert.Equal(0, (await ActionLog().QueryAsync(new ActionQuery(Sku: "stale"))).Total);
        Assert.All(fresh, f => Assert.Equal("1", f.State.ETag));
        Assert.Equal(50, (await ActionLog().QueryAsync(new ActionQuery(Limit: 100))).Total);
    }

    [SkippableFact]
    public async Task AWriteThePostgreSqlServerRejectsFailsAloneAndTheRestOfItsFlushIsStored()
    {
        var storage = Storage();

        // PostgreSQL text cannot hold U+0000: this write's statement fails, and with it the transaction it shared.
        var good = Enumerable.Range(0, 30).Select(i => storage.WriteStateAsync(StateName, Grain($"ok-{i}"), new GrainState<TestState>(new TestState()))).ToList();
        var bad = Assert.ThrowsAsync<PostgresException>(() => storage.WriteStateAsync(StateName, Grain("bad\0key"), new GrainState<TestState>(new TestState())));
        good.AddRange(Enumerable.Range(30, 30).Select(i => storage.WriteStateAsync(StateName, Grain($"ok-{i}"), new GrainState<TestState>(new TestState()))));
        await Task.WhenAll(good);

        Assert.Equal("22021", (await bad).SqlState);
        Assert.Equal(60, (await storage.ListAsync(StateName, after: null, limit: 100)).Count);
    }

    private static GrainId Grain(string key) => GrainId.Create("sku", key);

    private PostgreSqlGrainStorage Storage() => new("Default", Database.Options, TimeProvider.System, NullLogger<PostgreSqlGrainStorage>.Instance);

    private PostgreSqlActionLog ActionLog() => new(Database.Options);

    /// <summary>The sizes of the group commits on one database, from the store's meter.</summary>
    private sealed class FlushSizes : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<int> _sizes = new();

        public FlushSizes(string database)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PostgreSqlWriteQueue.MeterName && instrument.Name == "marketpilot.store.flush.writes")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<int>((_, size, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "marketpilot.store.database" && ((string)tag.Value!).EndsWith($"/{database}", StringComparison.Ordinal))
                    {
                        _sizes.Enqueue(size);
                    }
                }
            });
            _listener.Start();
        }

        public IReadOnlyList<int> Sizes => [.. _sizes];

        public void Dispose() => _listener.Dispose();
    }
}
