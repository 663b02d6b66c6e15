using Marketpilot.Persistence.Sqlite;
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
    public async Task TheOutboxDepthCountsOnlyProposedActionsAndNamesTheOldest()
    {
        var log = _database.ActionLog();
        Assert.Equal(new OutboxDepth(0, null), await log.GetOutboxDepthAsync());

        var oldest = Some.Action(proposedAt: Some.Now.AddMinutes(-10));
        await log.AppendAsync(
        [
            Some.Action(proposedAt: Some.Now),
            oldest,
            Some.Action(status: ActionStatus.Applied, proposedAt: Some.Now.AddHours(-1)),
            Some.Action(status: ActionStatus.Control, proposedAt: Some.Now.AddHours(-2)),
        ]);
        var before = await log.GetOutboxDepthAsync();
        await log.RecordAttemptAsync(oldest with { Status = ActionStatus.Applied, Attempts = 1 });

        Assert.Equal(new OutboxDepth(2, oldest.ProposedAt), before);
        Assert.Equal(new OutboxDepth(1, Some.Now), await log.GetOutboxDepthAsync());
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
    public async Task RecordAttemptSettlesAProposedActionWithWhatItCreated()
    {
        var log = _database.ActionLog();
        var record = Some.Action(sku: "kettle");
        await log.AppendAsync([record]);
        var settled = record with { Status = ActionStatus.Applied, StatusReason = "applied by simulator", UpdatedAt = Some.Now.AddSeconds(30), Attempts = 1, CreatedId = "coupon-7" };

        var first = await log.RecordAttemptAsync(settled);
        var late = await log.RecordAttemptAsync(settled with { Status = ActionStatus.Failed });
        var stored = (await log.QueryAsync(new ActionQuery(Sku: "kettle"))).Items.Single();

        Assert.Equal((true, false), (first, late));
        Assert.Equal(settled, stored);
    }

    [Fact]
    public async Task ASkusMarketplaceActionsAreClaimedOneAtATimeInOrderNotificationsAnyTime()
    {
        var log = _database.ActionLog();
        var price1 = Some.Action(sku: "kettle", action: new SetPrice(110m)) with { ActionId = "p1" };
        var price2 = Some.Action(sku: "kettle", action: new SetPrice(120m)) with { ActionId = "p2" };
        var note = Some.Action(sku: "kettle", action: new Notify("manager", "hi")) with { ActionId = "n1" };
        var other = Some.Action(sku: "teapot", action: new SetPrice(50m)) with { ActionId = "t1" };
        await log.AppendAsync([price1, price2, note, other]);

        var first = await log.ClaimDueAsync(Some.Now, Some.Now.AddHours(1), 10);
        await log.RecordAttemptAsync(price1 with { Status = ActionStatus.Applied, Attempts = 1 });
        var second = await log.ClaimDueAsync(Some.Now.AddMinutes(2), Some.Now.AddMinutes(3), 10);

        Assert.Equal(["p1", "n1", "t1"], first.Select(r => r.ActionId));
        Assert.Equal(["p2"], second.Select(r => r.ActionId));
    }

    [Fact]
    public async Task ReleasingLeasesMakesClaimedActionsDueAtOnce()
    {
        var log = _database.ActionLog();
        await log.AppendAsync([Some.Action(sku: "kettle")]);
        await log.ClaimDueAsync(Some.Now, Some.Now.AddHours(1), 10);

        var leased = await log.ClaimDueAsync(Some.Now, Some.Now.AddHours(1), 10);
        var released = await log.ReleaseLeasesAsync();
        var again = await log.ClaimDueAsync(Some.Now, Some.Now.AddHours(1), 10);

        Assert.Equal((0, 1, 1), (leased.Count, released, again.Count));
    }

    [Fact]
    public async Task ReleasingItsOwnLeasesMakesWhatThisProcessClaimedDueAtOnce()
    {
        var log = _database.ActionLog();
        await log.AppendAsync([Some.Action(sku: "kettle")]);
        await log.ClaimDueAsync(Some.Now, Some.Now.AddHours(1), 10);

        var released = await log.ReleaseOwnLeasesAsync();
        var again = await log.ClaimDueAsync(Some.Now, Some.Now.AddHours(1), 10);

        Assert.Equal((1, 1), (released, again.Count));
    }

    [Fact]
    public async Task AReplayedRecordLeavesTheLoggedOneAsItIs()
    {
        var log = _database.ActionLog();
        var existing = Some.Action(sku: "kettle", status: ActionStatus.Applied);
        await log.AppendAsync([existing]);

        var inserted = await log.AppendAsync([Some.Action(sku: "kettle"), existing with { Status = ActionStatus.Proposed }]);

        var stored = (await log.QueryAsync(new ActionQuery(Sku: "kettle"))).Items;
        Assert.Equal((1, 2), (inserted, stored.Count));
        Assert.Equal(ActionStatus.Applied, stored.Single(r => r.ActionId == existing.ActionId).Status);
    }

    public void Dispose() => _database.Dispose();
}
