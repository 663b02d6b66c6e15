using Marketpilot.Actions;
using Marketpilot.Grains.Tests.Support;
using Marketpilot.Sdk.Actions;

namespace Marketpilot.Grains.Tests.Actions;

public sealed class SqliteActionLogTests : IDisposable
{
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task AppendedActionsReadBackNewestFirstWithTheirPolymorphicAction()
    {
        var log = _database.ActionLog();
        var older = Some.Action(sku: "kettle", proposedAt: Some.Now);
        var newer = Some.Action(sku: "kettle", proposedAt: Some.Now.AddMinutes(1), action: new CreateCoupon(0.1m, TimeSpan.FromHours(72)));

        await log.AppendAsync([older, newer]);
        var page = await log.QueryAsync(new ActionQuery(Sku: "kettle"));

        Assert.Equal([newer, older], page.Items);
        Assert.IsType<CreateCoupon>(page.Items[0].Action);
        Assert.Equal(2, page.Total);
    }

    [Fact]
    public async Task QueriesFilterBySkuRuleStatusAndSince()
    {
        var log = _database.ActionLog();
        var match = Some.Action(sku: "kettle", ruleId: "min-margin", status: ActionStatus.Applied, proposedAt: Some.Now);
        await log.AppendAsync(
        [
            match,
            Some.Action(sku: "toaster", ruleId: "min-margin", status: ActionStatus.Applied, proposedAt: Some.Now),
            Some.Action(sku: "kettle", ruleId: "stock-guard", status: ActionStatus.Applied, proposedAt: Some.Now),
            Some.Action(sku: "kettle", ruleId: "min-margin", status: ActionStatus.Rejected, proposedAt: Some.Now),
            Some.Action(sku: "kettle", ruleId: "min-margin", status: ActionStatus.Applied, proposedAt: Some.Now.AddDays(-2)),
        ]);

        var page = await log.QueryAsync(new ActionQuery("kettle", "min-margin", ActionStatus.Applied, Some.Now.AddHours(-1)));

        Assert.Equal([match], page.Items);
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public async Task PagesSkipAndTakeWhileTotalCountsEveryMatch()
    {
        var log = _database.ActionLog();
        var records = Enumerable.Range(0, 5).Select(i => Some.Action(sku: "kettle", proposedAt: Some.Now.AddMinutes(i))).ToArray();
        await log.AppendAsync(records);

        var page = await log.QueryAsync(new ActionQuery(Sku: "kettle", Offset: 1, Limit: 2));

        Assert.Equal([records[3], records[2]], page.Items);
        Assert.Equal(5, page.Total);
        Assert.Equal((1, 2), (page.Offset, page.Limit));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5000, 1000)]
    public async Task TheLimitIsClampedToOneThroughAThousand(int asked, int used)
    {
        var page = await _database.ActionLog().QueryAsync(new ActionQuery(Limit: asked));

        Assert.Equal(used, page.Limit);
    }

    [Fact]
    public async Task UpdateStatusRecordsTheNewStatusReasonAndTime()
    {
        var log = _database.ActionLog();
        var record = Some.Action(sku: "kettle");
        await log.AppendAsync([record]);

        await log.UpdateStatusAsync(record.ActionId, ActionStatus.Failed, "connector timed out", Some.Now.AddSeconds(30));
        var stored = (await log.QueryAsync(new ActionQuery(Sku: "kettle"))).Items.Single();

        Assert.Equal(record with { Status = ActionStatus.Failed, StatusReason = "connector timed out", UpdatedAt = Some.Now.AddSeconds(30) }, stored);
    }

    [Fact]
    public async Task UpdatingAnUnknownActionThrows()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _database.ActionLog().UpdateStatusAsync("nope", ActionStatus.Applied, null, Some.Now));
    }

    [Fact]
    public async Task AnAppendWithADuplicateIdWritesNothing()
    {
        var log = _database.ActionLog();
        var existing = Some.Action(sku: "kettle");
        await log.AppendAsync([existing]);

        await Assert.ThrowsAnyAsync<Exception>(() => log.AppendAsync([Some.Action(sku: "kettle"), existing]));

        Assert.Equal(1, (await log.QueryAsync(new ActionQuery(Sku: "kettle"))).Total);
    }

    public void Dispose() => _database.Dispose();
}
