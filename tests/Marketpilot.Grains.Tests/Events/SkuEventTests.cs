using Marketpilot.Actions;
using Marketpilot.Grains.Skus;
using Marketpilot.Grains.Tests.Support;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Events;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using static Marketpilot.Grains.Tests.Support.EventRuleRunner;

namespace Marketpilot.Grains.Tests.Events;

/// <summary>Event rules on a real SKU grain: once per event id, and views followed up 24 hours later on the data clock.</summary>
public sealed class SkuEventTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDatabase _database = new();
    private readonly EventRuleRunner _rules = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await SiloFixture.StartClusterAsync(_database.Path, _rules, new FakeConnector());

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task AnOrderRunsTheOrderRuleOnceWithTheEventAndARepeatOfItsIdDoesNothing()
    {
        var (sku, grain) = await NewSkuAsync();
        var order = Event("order-1", MarketplaceEventKind.OrderPlaced, Morning, sku, shopper: "s-1", quantity: 2);

        var first = await grain.OnEventsAsync([order]);
        var again = await grain.OnEventsAsync([order]);

        Assert.Equal((1, 0), (first, again));
        var run = Assert.Single(_rules.RunsOf(OnOrder, sku));
        Assert.Equal((order, Morning), run);
        var action = Assert.Single(await ActionsOfAsync(sku), a => a.RuleId == OnOrder.Id);
        Assert.Equal(ActionIds.For(OnOrder.Id, OnOrder.Version, sku, ActionIds.EventTick("order-1"), 0), action.ActionId);
    }

    [Fact]
    public async Task AViewWithoutAnOrderRunsTheRetargetingRuleOnceItsDelayHasPassedOnTheDataClock()
    {
        var (sku, grain) = await NewSkuAsync();
        var view = Event("view-1", MarketplaceEventKind.View, Morning, sku, shopper: "s-7");

        await grain.OnEventsAsync([view]);
        await grain.OnEventsAsync([Event("return-1", MarketplaceEventKind.Return, Morning.AddHours(23), sku, quantity: 1)]);
        var before = _rules.RunsOf(Retarget, sku).Count;
        await grain.OnEventsAsync([Event("return-2", MarketplaceEventKind.Return, Morning.AddHours(25), sku, quantity: 1)]);
        await grain.OnEventsAsync([Event("return-3", MarketplaceEventKind.Return, Morning.AddHours(49), sku, quantity: 1)]);

        Assert.Equal(0, before);
        var run = Assert.Single(_rules.RunsOf(Retarget, sku));
        Assert.Equal((view, Morning.AddHours(24)), run);
        Assert.Single(await ActionsOfAsync(sku), a => a.RuleId == Retarget.Id);
    }

    [Fact]
    public async Task ANewSnapshotMovesTheDataClockToo()
    {
        var (sku, grain) = await NewSkuAsync();
        await grain.OnEventsAsync([Event("view-2", MarketplaceEventKind.View, Morning, sku, shopper: "s-8")]);

        // The next day's data is evaluated at midnight after it: 39 hours after the view.
        await grain.UpdateAsync(Some.Sku(sku.Sku, date: Some.Day(1)));

        Assert.Single(_rules.RunsOf(Retarget, sku));
    }

    [Fact]
    public async Task AnOrderByTheSameShopperCancelsTheFollowUpAndAnotherShoppersOrderDoesNot()
    {
        var (sku, grain) = await NewSkuAsync();
        await grain.OnEventsAsync([Event("view-a", MarketplaceEventKind.View, Morning, sku, shopper: "s-a")]);
        await grain.OnEventsAsync([Event("view-b", MarketplaceEventKind.View, Morning, sku, shopper: "s-b")]);

        await grain.OnEventsAsync([Event("order-a", MarketplaceEventKind.OrderPlaced, Morning.AddHours(3), sku, shopper: "s-a", quantity: 1)]);
        await grain.OnEventsAsync([Event("order-c", MarketplaceEventKind.OrderPlaced, Morning.AddHours(30), sku, shopper: "s-c", quantity: 1)]);

        var run = Assert.Single(_rules.RunsOf(Retarget, sku));
        Assert.Equal("s-b", run.Event!.ShopperId);
    }

    [Fact]
    public async Task EventsTakenTogetherRunInTheOrderTheyOccurred()
    {
        var (sku, grain) = await NewSkuAsync();
        var view = Event("view-t", MarketplaceEventKind.View, Morning, sku, shopper: "s-t");
        var dayLater = Event("return-t", MarketplaceEventKind.Return, Morning.AddHours(26), sku, quantity: 1);
        var order = Event("order-t", MarketplaceEventKind.OrderPlaced, Morning.AddHours(30), sku, shopper: "s-t", quantity: 1);

        var taken = await grain.OnEventsAsync([order, dayLater, view, view]);

        Assert.Equal(3, taken);
        Assert.Equal((view, Morning.AddHours(24)), Assert.Single(_rules.RunsOf(Retarget, sku)));
        Assert.Equal((order, Morning.AddHours(30)), Assert.Single(_rules.RunsOf(OnOrder, sku)));
    }

    [Fact]
    public async Task AnEventForASkuWithNoSnapshotIsNotTaken()
    {
        var sku = new SkuKey(Marketplaces.Simulator, Some.ShopId, Some.Id());

        var taken = await _cluster.Client.GetGrain<ISkuGrain>(GrainKeys.For(sku)).OnEventsAsync([Event("order-x", MarketplaceEventKind.OrderPlaced, Morning, sku, quantity: 1)]);

        Assert.Equal(0, taken);
        Assert.Empty(_rules.RunsOf(OnOrder, sku));
    }

    private async Task<(SkuKey Sku, ISkuGrain Grain)> NewSkuAsync()
    {
        var snapshot = Some.Sku();
        var grain = _cluster.Client.GetGrain<ISkuGrain>(GrainKeys.For(snapshot.Key));
        await grain.UpdateAsync(snapshot);
        return (snapshot.Key, grain);
    }

    private async Task<IReadOnlyList<ActionRecord>> ActionsOfAsync(SkuKey sku) =>
        (await _cluster.Silos[0].ServiceProvider.GetRequiredService<IActionLog>().QueryAsync(new ActionQuery(Sku: sku.Sku))).Items;

    private static MarketplaceEvent Event(string id, MarketplaceEventKind kind, DateTimeOffset at, SkuKey sku, string? shopper = null, int quantity = 0) =>
        new(id, kind, at, sku, ShopperId: shopper, Quantity: quantity);
}
