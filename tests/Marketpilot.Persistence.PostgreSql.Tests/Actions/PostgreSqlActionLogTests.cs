using Marketpilot.Actions;
using Marketpilot.Persistence.PostgreSql.Tests.Support;

namespace Marketpilot.Persistence.PostgreSql.Tests.Actions;

/// <summary>The shared action log and outbox: claims that several dispatchers make at once, leases, order per SKU.</summary>
public sealed class PostgreSqlActionLogTests : DatabaseTest
{
    private static readonly DateTimeOffset Lease = Some.Now.AddMinutes(5);

    [SkippableFact]
    public async Task DispatchersClaimingAtOnceNeverTakeTheSameAction()
    {
        var log = Log();
        await log.AppendAsync([.. Enumerable.Range(0, 200).Select(_ => Some.Action())]);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var mine = new List<string>();
            while ((await log.ClaimDueAsync(Some.Now, Lease, 7)) is { Count: > 0 } claimed)
            {
                mine.AddRange(claimed.Select(c => c.ActionId));
            }

            return mine;
        })));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(200, all.Count);
        Assert.Equal(200, all.Distinct(StringComparer.Ordinal).Count());
    }

    [SkippableFact]
    public async Task TheOutboxDepthCountsWhatWaitsAndNamesTheOldest()
    {
        var log = Log();
        var oldest = Some.Action(proposedAt: Some.Now.AddMinutes(-10));
        await log.AppendAsync([Some.Action(proposedAt: Some.Now), oldest]);
        var before = await log.GetOutboxDepthAsync();

        await log.RecordAttemptAsync(oldest with { Status = ActionStatus.Applied, Attempts = 1 });

        Assert.Equal(new OutboxDepth(2, oldest.ProposedAt), before);
        Assert.Equal(new OutboxDepth(1, Some.Now), await log.GetOutboxDepthAsync());
    }

    [SkippableFact]
    public async Task ASkusLaterActionWaitsUntilTheEarlierOneIsSettledWhileNotificationsDoNot()
    {
        var log = Log();
        var first = Some.Action(sku: "kettle");
        var second = Some.Action(sku: "kettle");
        var notification = Some.Notification("kettle");
        await log.AppendAsync([first, second, notification]);

        var claimed = await log.ClaimDueAsync(Some.Now, Lease, 10);
        await log.RecordAttemptAsync(first with { Status = ActionStatus.Applied, Attempts = 1 });
        var next = await log.ClaimDueAsync(Some.Now, Lease, 10);

        Assert.Equal([first.ActionId, notification.ActionId], claimed.Select(c => c.ActionId));
        Assert.Equal([second.ActionId], next.Select(c => c.ActionId));
    }

    [SkippableFact]
    public async Task ALeasedActionIsDueAgainOnlyWhenItsLeaseEnds()
    {
        var log = Log();
        var action = Some.Action();
        await log.AppendAsync([action]);
        await log.ClaimDueAsync(Some.Now, Lease, 10);

        var duringLease = await log.ClaimDueAsync(Lease.AddSeconds(-1), Lease.AddMinutes(5), 10);
        var afterLease = await log.ClaimDueAsync(Lease, Lease.AddMinutes(5), 10);

        Assert.Empty(duringLease);
        Assert.Equal(action.ActionId, afterLease.Single().ActionId);
    }

    [SkippableFact]
    public async Task ASiloReleasesOnlyItsOwnLeases()
    {
        var log = Log();
        var mine = Some.Action();
        var theirs = Some.Action();
        await log.AppendAsync([mine, theirs]);
        await log.ClaimDueAsync(Some.Now, Lease, 10);
        await Database.ExecuteAsync($"UPDATE action_log SET lease_owner = 'other-host:1' WHERE id = '{theirs.ActionId}';");

        var released = await log.ReleaseOwnLeasesAsync();
        var again = await log.ClaimDueAsync(Some.Now, Lease, 10);

        Assert.Equal(1, released);
        Assert.Equal(mine.ActionId, again.Single().ActionId);
    }

    [SkippableFact]
    public async Task ALateAttemptNeverChangesASettledAction()
    {
        var log = Log();
        var action = Some.Action();
        await log.AppendAsync([action]);
        await log.RecordAttemptAsync(action with { Status = ActionStatus.Applied, Attempts = 1, CreatedId = "coupon-7" });

        var late = await log.RecordAttemptAsync(action with { Status = ActionStatus.Failed, Attempts = 2, StatusReason = "timeout" });

        Assert.False(late);
        var stored = (await log.GetAsync(action.ActionId))!;
        Assert.Equal(ActionStatus.Applied, stored.Status);
        Assert.Equal("coupon-7", stored.CreatedId);
    }

    [SkippableFact]
    public async Task AReplayedRecordIsIgnoredAndReadsBackExactly()
    {
        var log = Log();
        var action = Some.Action() with { NextAttemptAt = Some.Now.AddTicks(1234567) };

        var first = await log.AppendAsync([action]);
        var replay = await log.AppendAsync([action, action with { StatusReason = "changed" }]);

        Assert.Equal((1, 0), (first, replay));
        Assert.Equal(action with { Deliveries = null }, await log.GetAsync(action.ActionId));
    }

    [SkippableFact]
    public async Task AQueryFiltersPagesAndCountsTheWholeMatch()
    {
        var log = Log();
        var kettles = Enumerable.Range(0, 5).Select(i => Some.Action(sku: "kettle", proposedAt: Some.Now.AddMinutes(i))).ToList();
        await log.AppendAsync([.. kettles, Some.Action(sku: "toaster")]);

        var page = await log.QueryAsync(new ActionQuery(Sku: "kettle", Limit: 2, Offset: 1, Statuses: [ActionStatus.Proposed]));
        var approved = await log.CountApprovedAsync("min-margin", "simulator", "demo", Some.Now, Some.Now.AddMinutes(3));

        Assert.Equal(5, page.Total);
        Assert.Equal([kettles[3].ActionId, kettles[2].ActionId], page.Items.Select(i => i.ActionId));
        Assert.Equal(4, approved);
    }

    private PostgreSqlActionLog Log() => new(Database.Options);
}
