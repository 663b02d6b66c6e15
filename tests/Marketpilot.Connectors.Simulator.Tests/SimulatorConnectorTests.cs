using Marketpilot.Connectors.Simulator.Tests.Support;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Time.Testing;

namespace Marketpilot.Connectors.Simulator.Tests;

public sealed class SimulatorConnectorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private SimulatorConnector Connector(int backfillDays = 2) => new(Some.Options(skuCount: 10, backfillDays: backfillDays), _time);

    [Fact]
    public async Task BackfilledDaysAreReadyAtOnce()
    {
        var connector = Connector(backfillDays: 2);

        var first = await connector.PullAsync(null, CancellationToken.None);
        var second = await connector.PullAsync(first.NextCursor, CancellationToken.None);

        Assert.Equal(("1", true, 10), (first.NextCursor, first.HasMore, first.Skus.Count));
        Assert.Equal(("2", false, 10), (second.NextCursor, second.HasMore, second.Skus.Count));
    }

    [Fact]
    public async Task NoNewDayUntilTimePassesThenItAppears()
    {
        var connector = Connector(backfillDays: 1);
        var cursor = (await connector.PullAsync(null, CancellationToken.None)).NextCursor;

        _time.Advance(TimeSpan.FromSeconds(9));
        var early = await connector.PullAsync(cursor, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        var due = await connector.PullAsync(cursor, CancellationToken.None);

        Assert.Equal((0, "1", false), (early.Skus.Count, early.NextCursor, early.HasMore));
        Assert.Equal((10, "2"), (due.Skus.Count, due.NextCursor));
        Assert.Equal(Some.StartDate.AddDays(1), due.Skus[0].Date);
    }

    [Fact]
    public async Task PullingAnOlderCursorAgainReturnsTheSameData()
    {
        var connector = Connector(backfillDays: 3);
        var first = await connector.PullAsync(null, CancellationToken.None);
        await connector.PullAsync(first.NextCursor, CancellationToken.None);

        var minPrice = first.Skus[0].MinPrice!.Value;

        await connector.ApplyAsync([Some.Request(first.Skus[0].Sku, new SetPrice(minPrice))], CancellationToken.None);
        var again = await connector.PullAsync("0", CancellationToken.None);
        var resumed = await connector.PullAsync("2", CancellationToken.None);

        Assert.Equal(first.Skus, again.Skus);
        Assert.Equal(first.NextCursor, again.NextCursor);
        Assert.Equal(Some.StartDate.AddDays(2), resumed.Skus[0].Date);
        Assert.Equal(minPrice, resumed.Skus[0].Price);
    }

    [Fact]
    public async Task DaysNoLongerInMemoryAreReplayedWithTheSameData()
    {
        var connector = new SimulatorConnector(Some.Options(skuCount: 10, backfillDays: 6), _time, logger: null, retainedDays: 2);
        var pages = new List<CatalogPage> { await connector.PullAsync(null, CancellationToken.None) };
        var minPrice = pages[0].Skus.Single(s => s.Sku == "SIM-00002").MinPrice!.Value;
        await connector.ApplyAsync([Some.Request("SIM-00002", new SetPrice(minPrice))], CancellationToken.None);
        await connector.ApplyAsync([Some.Request("SIM-00003", new RemoveFromPromo())], CancellationToken.None);
        for (var day = 1; day < 6; day++)
        {
            pages.Add(await connector.PullAsync(pages[^1].NextCursor, CancellationToken.None));
        }

        var replayed = await connector.PullAsync("3", CancellationToken.None);

        Assert.Equal(pages[3].Skus.Select(Some.Describe), replayed.Skus.Select(Some.Describe));
        Assert.Equal(pages[3].Campaigns.Select(Some.Describe), replayed.Campaigns.Select(Some.Describe));
        Assert.Equal(minPrice, replayed.Skus.Single(s => s.Sku == "SIM-00002").Price);
    }

    [Fact]
    public async Task ActionWithTheSameIdempotencyKeyIsAppliedOnce()
    {
        var once = Connector();
        var retried = Connector();
        var coupon = Some.Request("SIM-00001", new CreateCoupon(0.1m, TimeSpan.FromDays(3)), key: "coupon-once");

        await once.ApplyAsync([coupon], CancellationToken.None);
        var created = (await retried.ApplyAsync([coupon], CancellationToken.None))[0].CreatedId;
        var retry = await retried.ApplyAsync([coupon, coupon], CancellationToken.None);
        var expected = await once.PullAsync(null, CancellationToken.None);
        var actual = await retried.PullAsync(null, CancellationToken.None);

        Assert.All(retry, r => Assert.Equal(("coupon-once", ActionResultStatus.Applied), (r.IdempotencyKey, r.Status)));
        Assert.NotNull(created);
        Assert.All(retry, r => Assert.Equal(created, r.CreatedId));
        Assert.Equal(expected.Campaigns.Select(c => c.CampaignId), actual.Campaigns.Select(c => c.CampaignId));
        Assert.Equal(expected.Skus, actual.Skus, (a, b) => a.Orders == b.Orders && a.Clicks == b.Clicks && a.Stock == b.Stock);
    }

    [Fact]
    public async Task EachActionInABatchGetsItsOwnResult()
    {
        var connector = Connector();

        var results = await connector.ApplyAsync(
            [Some.Request("SIM-00001", new SetPrice(500m), "a"), Some.Request("SIM-99999", new SetPrice(500m), "b")],
            CancellationToken.None);

        Assert.Equal([("a", ActionResultStatus.Applied), ("b", ActionResultStatus.Rejected)], results.Select(r => (r.IdempotencyKey, r.Status)));
    }

    [Fact]
    public async Task CursorThatIsNotADayIsRefused()
    {
        var connector = Connector();

        await Assert.ThrowsAsync<ArgumentException>(() => connector.PullAsync("yesterday", CancellationToken.None));
    }

    [Fact]
    public async Task StartDateDefaultsToTodayMinusTheBackfill()
    {
        var connector = new SimulatorConnector(new SimulatorOptions { SkuCount = 3, BackfillDays = 30 }, _time);

        var page = await connector.PullAsync(null, CancellationToken.None);

        Assert.Equal(new DateOnly(2026, 1, 30), page.Skus[0].Date);
    }
}
