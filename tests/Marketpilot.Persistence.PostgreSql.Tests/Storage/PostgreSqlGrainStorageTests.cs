using Marketpilot.Actions;
using Marketpilot.Persistence.PostgreSql.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;

namespace Marketpilot.Persistence.PostgreSql.Tests.Storage;

/// <summary>Grain state in PostgreSQL: ETag versions, the outbox in the state's transaction, tombstones and paging.</summary>
public sealed class PostgreSqlGrainStorageTests : DatabaseTest
{
    private const string StateName = "sku";
    private static readonly GrainId Grain = GrainId.Create("sku", "simulator/demo/kettle");

    [SkippableFact]
    public async Task AWriteReadsBackWithItsETag()
    {
        var storage = Storage();
        var written = new GrainState<TestState>(new TestState { Price = "120" });

        await storage.WriteStateAsync(StateName, Grain, written);
        var read = new GrainState<TestState>();
        await storage.ReadStateAsync(StateName, Grain, read);

        Assert.Equal("120", read.State!.Price);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
    }

    [SkippableFact]
    public async Task TheStateAndItsOutboxRecordsCommitTogether()
    {
        var storage = Storage();
        var state = new GrainState<TestState>(new TestState());
        var record = Some.Action(sku: "kettle");
        state.State!.Outbox.Add(record);

        await storage.WriteStateAsync(StateName, Grain, state);

        Assert.Empty(state.State!.Outbox);
        Assert.Equal(record.ActionId, (await ActionLog().QueryAsync(new ActionQuery(Sku: "kettle"))).Items.Single().ActionId);
    }

    [SkippableFact]
    public async Task AStaleWriteIsRefusedLogsNoneOfItsRecordsAndKeepsThem()
    {
        var storage = Storage();
        var current = new GrainState<TestState>(new TestState());
        await storage.WriteStateAsync(StateName, Grain, current);
        await storage.WriteStateAsync(StateName, Grain, current);
        var stale = new GrainState<TestState>(new TestState { Price = "1" }) { ETag = "1" };
        stale.State!.Outbox.Add(Some.Action(sku: "kettle"));

        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Grain, stale));

        Assert.Equal("2", refused.StoredEtag);
        Assert.Single(stale.State!.Outbox);
        Assert.Equal(0, (await ActionLog().QueryAsync(new ActionQuery(Sku: "kettle"))).Total);
    }

    [SkippableFact]
    public async Task TwoFirstWritesOfOneGrainLetOnlyOneIn()
    {
        var storage = Storage();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            try
            {
                await storage.WriteStateAsync(StateName, Grain, new GrainState<TestState>(new TestState()));
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));

        Assert.Equal(1, results.Count(ok => ok));
    }

    [SkippableFact]
    public async Task AClearLeavesATombstoneThatListingSkipsAndVersionsKeepRising()
    {
        var storage = Storage();
        var state = new GrainState<TestState>(new TestState());
        await storage.WriteStateAsync(StateName, Grain, state);

        await storage.ClearStateAsync(StateName, Grain, state);
        var read = new GrainState<TestState>();
        await storage.ReadStateAsync(StateName, Grain, read);

        Assert.False(read.RecordExists);
        Assert.Equal("2", read.ETag);
        Assert.Empty(await storage.ListAsync(StateName, after: null, limit: 10));
    }

    [SkippableFact]
    public async Task ListingPagesThroughGrainsInOrdinalOrder()
    {
        var storage = Storage();
        string[] keys = ["b", "B", "a", "A", "c"];
        foreach (var key in keys)
        {
            await storage.WriteStateAsync(StateName, GrainId.Create("sku", key), new GrainState<TestState>(new TestState()));
        }

        var first = await storage.ListAsync(StateName, after: null, limit: 3);
        var second = await storage.ListAsync(StateName, first[^1], limit: 3);

        Assert.Equal(["A", "B", "a", "b", "c"], first.Concat(second).Select(g => g.Key.ToString()));
    }

    private PostgreSqlGrainStorage Storage() => new("Default", Database.Options, TimeProvider.System, NullLogger<PostgreSqlGrainStorage>.Instance);

    private PostgreSqlActionLog ActionLog() => new(Database.Options);
}
