using Marketpilot.Connectors.Wildberries.Tests.Support;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Wildberries.Tests;

public sealed class WildberriesApplyTests
{
    [Fact]
    public async Task APriceChangeIsUploadedPolledAndVisibleWithTheDiscountKept()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 20);
        var connector = shop.Connector();

        var result = (await connector.ApplyAsync([Some.Action(100001, new SetPrice(900m))], CancellationToken.None)).Single();

        Assert.Equal(ActionResultStatus.Applied, result.Status);
        Assert.Equal((1125L, 20, 900m), shop.Emulator.Read(e => (e.Items[100001].Price, e.Items[100001].Discount, e.Items[100001].DiscountedPrice)));
        Assert.Contains("POST /api/v2/upload/task", shop.Emulator.Requests);
        Assert.Contains("GET /api/v2/history/tasks", shop.Emulator.Requests);
    }

    [Fact]
    public async Task APriceWithKopecksIsRoundedUpToWholeRoublesAndTheResultSaysSo()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 20);
        var connector = shop.Connector();

        var result = (await connector.ApplyAsync([Some.Action(100002, new SetPrice(1136.36m))], CancellationToken.None)).Single();

        Assert.Equal(ActionResultStatus.Applied, result.Status);
        Assert.Equal(1137L, shop.Emulator.Read(e => e.Items[100002].Price));
        Assert.Contains("rounded up to 1137", result.Reason);
    }

    [Fact]
    public async Task APriceThreeTimesBelowTheCurrentIsRefusedBeforeAnythingIsSent()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 20);
        var connector = shop.Connector();

        var result = (await connector.ApplyAsync([Some.Action(100002, new SetPrice(336m))], CancellationToken.None)).Single();

        Assert.Equal(ActionResultStatus.Rejected, result.Status);
        Assert.Contains("quarantine", result.Reason);
        Assert.DoesNotContain("POST /api/v2/upload/task", shop.Emulator.Requests);
        Assert.Equal(1010L, shop.Emulator.Read(e => e.Items[100002].Price));
    }

    [Fact]
    public async Task TwoPriceChangesOfOneItemGoInSuccessiveUploadsAndTheLastWins()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 20);
        var connector = shop.Connector();

        var results = await connector.ApplyAsync([Some.Action(100002, new SetPrice(1100m)), Some.Action(100002, new SetPrice(1200m)), Some.Action(100003, new SetPrice(1300m))], CancellationToken.None);

        Assert.All(results, r => Assert.Equal(ActionResultStatus.Applied, r.Status));
        Assert.Equal(2, shop.Emulator.Requests.Count(r => r == "POST /api/v2/upload/task"));
        Assert.Equal((1200L, 1300L), shop.Emulator.Read(e => (e.Items[100002].Price, e.Items[100003].Price)));
    }

    [Fact]
    public async Task ItemErrorsOfAnUploadMapToRejectedOrRetryableWhileTheOthersApply()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 20);
        shop.Emulator.FailNextUploadItem[100003] = "Invalid price value";
        shop.Emulator.FailNextUploadItem[100004] = "Unexpected result";
        var connector = shop.Connector();
        var actions = new[] { Some.Action(100002, new SetPrice(1100m)), Some.Action(100003, new SetPrice(1100m)), Some.Action(100004, new SetPrice(1100m)) };

        var results = (await connector.ApplyAsync(actions, CancellationToken.None)).ToDictionary(r => r.IdempotencyKey);

        Assert.Equal(ActionResultStatus.Applied, results[actions[0].IdempotencyKey].Status);
        Assert.Equal(ActionResultStatus.Rejected, results[actions[1].IdempotencyKey].Status);
        Assert.Contains("Invalid price value", results[actions[1].IdempotencyKey].Reason);
        Assert.Equal(ActionResultStatus.RetryableFailure, results[actions[2].IdempotencyKey].Status);
        Assert.Equal(["100002"], shop.Changes("price").Select(c => c.Target.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task AnItemJoinsARunningPromotionAndWaitsInTheBufferForAnUpcomingOne()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 20);
        var connector = shop.Connector();

        var results = await connector.ApplyAsync([Some.Action(100015, new AddToPromo("promotion-501")), Some.Action(100016, new AddToPromo("503"))], CancellationToken.None);

        Assert.All(results, r => Assert.Equal(ActionResultStatus.Applied, r.Status));
        Assert.True(shop.Emulator.Read(e => e.Promotions[501].Members.Contains(100015)));
        Assert.True(shop.Emulator.Read(e => e.Promotions[503].Pending.Contains(100016)));
        Assert.Contains("starts", results[1].Reason);
    }

    [Fact]
    public async Task AnItemAPromotionDoesNotTakeIsRejectedFromTheHistoryOrTheBuffer()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 150);
        shop.Emulator.FailNextUploadItem[100017] = "The item is not eligible for the promotion";
        var connector = shop.Connector();

        var results = await connector.ApplyAsync([Some.Action(100140, new AddToPromo("promotion-501")), Some.Action(100017, new AddToPromo("promotion-503"))], CancellationToken.None);

        Assert.All(results, r => Assert.Equal(ActionResultStatus.Rejected, r.Status));
        Assert.All(results, r => Assert.Contains("not eligible", r.Reason));
        Assert.Empty(shop.Changes("promotion"));
    }

    [Fact]
    public async Task AnAutomaticPromotionAndAnUnknownOneAreRefused()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 20);
        var connector = shop.Connector();

        var results = await connector.ApplyAsync([Some.Action(100002, new AddToPromo("promotion-502")), Some.Action(100002, new AddToPromo("promotion-999"))], CancellationToken.None);

        Assert.All(results, r => Assert.Equal(ActionResultStatus.Rejected, r.Status));
        Assert.Contains("automatic", results[0].Reason);
        Assert.Contains("not a promotion", results[1].Reason);
        Assert.DoesNotContain("POST /api/v1/calendar/promotions/upload", shop.Emulator.Requests);
    }

    [Fact]
    public async Task AdsArePausedAndResumedAndARepeatedSwitchIsAlreadyDone()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 20);
        var connector = shop.Connector();

        var results = await connector.ApplyAsync([Some.Action(100001, new PauseAds("701")), Some.Action(100004, new ResumeAds()), Some.Action(100003, new ResumeAds("702"))], CancellationToken.None);

        Assert.All(results, r => Assert.Equal(ActionResultStatus.Applied, r.Status));
        Assert.Equal((11, 9), shop.Emulator.Read(e => (e.Adverts[701].Status, e.Adverts[702].Status)));
        Assert.Single(shop.Changes("start"));
    }

    [Fact]
    public async Task ResumingACampaignWithoutBudgetIsRejectedWithWildberriesReason()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 20);
        var connector = shop.Connector();

        var result = (await connector.ApplyAsync([Some.Action(100006, new ResumeAds("704"))], CancellationToken.None)).Single();

        Assert.Equal(ActionResultStatus.Rejected, result.Status);
        Assert.Contains("Low Budget", result.Reason);
    }

    [Fact]
    public async Task BidsAreSetInKopecksAndABidUnderTheMinimumIsRejectedAlone()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 20);
        var connector = shop.Connector();
        var actions = new[] { Some.Action(100001, new SetBid("701", 3.255m)), Some.Action(100002, new SetBid("701", 1m)), Some.Action(100003, new SetBid("702", 4m)) };

        var results = (await connector.ApplyAsync(actions, CancellationToken.None)).ToDictionary(r => r.IdempotencyKey);

        Assert.Equal(ActionResultStatus.Applied, results[actions[0].IdempotencyKey].Status);
        Assert.Contains("rounded down to 3.25", results[actions[0].IdempotencyKey].Reason);
        Assert.Equal(ActionResultStatus.Rejected, results[actions[1].IdempotencyKey].Status);
        Assert.Contains("min: 150", results[actions[1].IdempotencyKey].Reason);
        Assert.Equal(ActionResultStatus.Applied, results[actions[2].IdempotencyKey].Status);
        Assert.Equal(325L, shop.Emulator.Read(e => e.Adverts[701].Bids[100001]["combined"]));
        Assert.Equal((400L, 400L), shop.Emulator.Read(e => (e.Adverts[702].Bids[100003]["search"], e.Adverts[702].Bids[100003]["recommendations"])));
    }

    [Fact]
    public async Task ABidInAFinishedCampaignIsRefusedBeforeSending()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 20);
        var connector = shop.Connector();

        var result = (await connector.ApplyAsync([Some.Action(100005, new SetBid("703", 5m))], CancellationToken.None)).Single();

        Assert.Equal(ActionResultStatus.Rejected, result.Status);
        Assert.Contains("status 7", result.Reason);
        Assert.DoesNotContain("PATCH /api/advert/v1/bids", shop.Emulator.Requests);
    }

    [Theory]
    [InlineData(ActionKind.RemoveFromPromo, "no way to take an item out of a promotion")]
    [InlineData(ActionKind.CreateCoupon, "no coupons")]
    [InlineData(ActionKind.SetBudget, "no daily budget")]
    public async Task WhatWildberriesCannotDoIsDeclaredAndRejectedWithTheReason(ActionKind kind, string reason)
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 5);
        var connector = shop.Connector();
        RuleAction action = kind switch
        {
            ActionKind.RemoveFromPromo => new RemoveFromPromo("promotion-501"),
            ActionKind.CreateCoupon => new CreateCoupon(0.1m, TimeSpan.FromDays(3)),
            _ => new SetBudget("701", 1000m),
        };

        var result = (await connector.ApplyAsync([Some.Action(100001, action)], CancellationToken.None)).Single();

        Assert.DoesNotContain(kind, connector.Capabilities.ActionKinds);
        Assert.Contains(reason, connector.Capabilities.UnsupportedReasons[kind]);
        Assert.Equal(ActionResultStatus.Rejected, result.Status);
        Assert.Contains(reason, result.Reason);
        Assert.Empty(shop.Emulator.Changes);
    }

    [Fact]
    public async Task AKeyAppliedBeforeIsAnsweredFromTheLedgerAfterARestartAndNotSentAgain()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 20);
        var action = Some.Action(100002, new SetPrice(1100m));
        await shop.Connector().ApplyAsync([action], CancellationToken.None);
        shop.Emulator.Read(e => e.Items[100002].Price = 1010);

        var replay = (await shop.Connector().ApplyAsync([action with { Action = new SetPrice(1500m) }], CancellationToken.None)).Single();

        Assert.Equal(ActionResultStatus.Applied, replay.Status);
        Assert.Single(shop.Changes("price"));
        Assert.Equal(1010L, shop.Emulator.Read(e => e.Items[100002].Price));
    }
}
