using Marketpilot.Actions;
using Marketpilot.Grains.Skus;
using Marketpilot.Grains.Tests.Support;
using Orleans.Storage;

namespace Marketpilot.Grains.Tests.Storage;

/// <summary>A SKU's state and the action records it carries are written in one transaction, or not at all.</summary>
public sealed class OutboxAtomicityTests : IDisposable
{
    private static readonly GrainId Grain = GrainId.Create("sku", "simulator/demo/kettle");
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task TheStateAndItsOutboxRecordsCommitTogether()
    {
        var storage = _database.Storage();
        var state = new GrainState<SkuState>(new SkuState { Snapshot = Some.Sku(sku: "kettle") });
        var record = Some.Action(sku: "kettle");
        state.State!.Outbox.Add(record);

        await storage.WriteStateAsync(SkuGrain.StateName, Grain, state);

        Assert.Empty(state.State!.Outbox);
        Assert.Equal(record.ActionId, (await _database.ActionLog().QueryAsync(new ActionQuery(Sku: "kettle"))).Items.Single().ActionId);
        Assert.DoesNotContain("outbox", await PayloadAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AStaleWriteLogsNoneOfItsRecordsAndKeepsThem()
    {
        var storage = _database.Storage();
        var current = new GrainState<SkuState>(new SkuState());
        await storage.WriteStateAsync(SkuGrain.StateName, Grain, current);
        await storage.WriteStateAsync(SkuGrain.StateName, Grain, current);
        var stale = new GrainState<SkuState>(new SkuState()) { ETag = "1" };
        stale.State!.Outbox.Add(Some.Action(sku: "kettle"));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(SkuGrain.StateName, Grain, stale));

        Assert.Single(stale.State!.Outbox);
        Assert.Equal(0, (await _database.ActionLog().QueryAsync(new ActionQuery(Sku: "kettle"))).Total);
    }

    public void Dispose() => _database.Dispose();

    private async Task<string> PayloadAsync()
    {
        using var connection = _database.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state;";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
