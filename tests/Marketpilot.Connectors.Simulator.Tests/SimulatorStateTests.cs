using Marketpilot.Connectors.Simulator.Tests.Support;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Time.Testing;

namespace Marketpilot.Connectors.Simulator.Tests;

/// <summary>The simulator with a state folder: the shop and every idempotency key survive a restart, and the ledger records each delivery.</summary>
public sealed class SimulatorStateTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly StateFolder _state = new();
    private readonly List<SimulatorConnector> _connectors = [];

    public void Dispose()
    {
        _connectors.ForEach(c => c.Dispose());
        _state.Dispose();
    }

    [Fact]
    public async Task RestartedConnectorContinuesTheSameShop()
    {
        var first = Start(backfillDays: 3);
        await first.PullAsync(null, CancellationToken.None);
        var sku = (await first.PullAsync("1", CancellationToken.None)).Skus[0];
        await first.ApplyAsync([Some.Request(sku.Sku, new SetPrice(sku.MinPrice!.Value), "raise")], CancellationToken.None);
        var before = await first.PullAsync("2", CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(1));
        var restarted = Start(backfillDays: 3);
        var after = await restarted.PullAsync("2", CancellationToken.None);

        Assert.Equal(sku.MinPrice.Value, after.Skus[0].Price);
        Assert.Equal(before.Skus.Select(Some.Describe), after.Skus.Select(Some.Describe));
        Assert.Equal(before.Campaigns.Select(Some.Describe), after.Campaigns.Select(Some.Describe));
        Assert.Equal(first.DescribeSku(sku.Sku), restarted.DescribeSku(sku.Sku));
    }

    [Fact]
    public async Task RestartedConnectorKeepsTheCalendarOfTheFirstStart()
    {
        var first = Start(fixedStartDate: false);
        var dayZero = (await first.PullAsync(null, CancellationToken.None)).Skus[0].Date;

        _time.Advance(TimeSpan.FromDays(2));
        var restarted = Start(fixedStartDate: false);
        var restartedDayZero = (await restarted.PullAsync(null, CancellationToken.None)).Skus[0].Date;

        Assert.Equal(new DateOnly(2026, 2, 27), dayZero);
        Assert.Equal(dayZero, restartedDayZero);
        Assert.Equal(first.DaysReady, restarted.DaysReady);
        Assert.Equal(2 + (2 * 24 * 60 * 6), restarted.DaysReady);
    }

    [Fact]
    public async Task RepeatedKeyAfterARestartIsAnsweredAppliedWithoutApplyingItAgain()
    {
        var coupon = Some.Request("SIM-00001", new CreateCoupon(0.1m, TimeSpan.FromDays(3)), "coupon-once");
        var first = Start();
        var created = (await first.ApplyAsync([coupon], CancellationToken.None))[0];

        var restarted = Start();
        var repeated = (await restarted.ApplyAsync([coupon], CancellationToken.None))[0];

        Assert.Equal(ActionResultStatus.Applied, created.Status);
        Assert.Equal(created, repeated);
        Assert.Equal(first.DescribeSku("SIM-00001"), restarted.DescribeSku("SIM-00001"));
        Assert.Equal([("coupon-once", "applied"), ("coupon-once", "duplicate")], _state.Ledger());
    }

    [Fact]
    public async Task LedgerRecordsEachDeliveryWithItsOutcome()
    {
        var connector = Start();

        await connector.ApplyAsync(
            [Some.Request("SIM-00001", new RemoveFromPromo(), "a"), Some.Request("SIM-99999", new SetPrice(500m), "b"), Some.Request("SIM-00001", new RemoveFromPromo(), "a")],
            CancellationToken.None);
        await connector.ApplyAsync([Some.Request("SIM-99999", new SetPrice(500m), "b")], CancellationToken.None);

        var line = _state.LedgerLines()[0];
        Assert.Equal([("a", "applied"), ("b", "rejected"), ("a", "duplicate"), ("b", "rejected")], _state.Ledger());
        Assert.Equal(("SIM-00001", "removeFromPromo", "removeFromPromo"), (line.GetProperty("sku").GetString(), line.GetProperty("kind").GetString(), line.GetProperty("action").GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task TornLastLedgerLineIsCutOffAndItsKeyIsAppliedWhenSentAgain()
    {
        var first = Start();
        await first.ApplyAsync([Some.Request("SIM-00001", new RemoveFromPromo(), "a")], CancellationToken.None);
        first.Dispose();
        await File.AppendAllTextAsync(_state.LedgerPath, """{"key":"b","sku":"SIM-00""");

        var restarted = Start();
        var results = await restarted.ApplyAsync([Some.Request("SIM-00001", new RemoveFromPromo(), "a"), Some.Request("SIM-00002", new RemoveFromPromo(), "b")], CancellationToken.None);

        Assert.All(results, r => Assert.Equal(ActionResultStatus.Applied, r.Status));
        Assert.Equal([("a", "applied"), ("a", "duplicate"), ("b", "applied")], _state.Ledger());
    }

    [Fact]
    public async Task ActionsAfterARestartDoNotChangeDaysThatWereAlreadyReady()
    {
        var first = Start(backfillDays: 3);
        var pulled = await first.PullAsync("1", CancellationToken.None);

        var restarted = Start(backfillDays: 3);
        await restarted.ApplyAsync([Some.Request(pulled.Skus[0].Sku, new SetPrice(pulled.Skus[0].MinPrice!.Value), "cut")], CancellationToken.None);
        var again = await restarted.PullAsync("1", CancellationToken.None);
        var next = await restarted.PullAsync("2", CancellationToken.None);

        Assert.Equal(pulled.Skus.Select(Some.Describe), again.Skus.Select(Some.Describe));
        Assert.Equal(pulled.Skus[0].Price, next.Skus[0].Price);
        Assert.Equal(3, _state.LedgerLines()[0].GetProperty("day").GetInt32());
    }

    [Fact]
    public async Task ConcurrentDeliveriesOfTheSameKeysApplyEachKeyOnce()
    {
        var connector = Start();
        var requests = Enumerable.Range(1, 20).Select(i => Some.Request($"SIM-{i:D5}", new CreateCoupon(0.05m, TimeSpan.FromDays(2)), $"key-{i}")).ToList();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => connector.ApplyAsync(requests, CancellationToken.None))));

        var ledger = _state.Ledger();
        Assert.All(requests, r => Assert.Single(ledger, l => l == (r.IdempotencyKey, "applied")));
        Assert.Equal(20 * 7, ledger.Count(l => l.Outcome == "duplicate"));
        Assert.All(answers, a => Assert.Equal(answers[0], a));
    }

    [Fact]
    public async Task ChangedSettingsDoNotChangeAStartedShop()
    {
        var first = Start();
        var before = await first.PullAsync(null, CancellationToken.None);

        var restarted = Start(seed: 7);
        var after = await restarted.PullAsync(null, CancellationToken.None);

        Assert.Equal(before.Skus.Select(Some.Describe), after.Skus.Select(Some.Describe));
    }

    private SimulatorConnector Start(int seed = 42, int backfillDays = 2, bool fixedStartDate = true)
    {
        var options = Some.Options(seed: seed, skuCount: 20, backfillDays: backfillDays);
        options.StartDate = fixedStartDate ? options.StartDate : null;
        options.StateDirectory = _state.Path;
        var connector = new SimulatorConnector(options, _time);
        _connectors.Add(connector);
        return connector;
    }
}
