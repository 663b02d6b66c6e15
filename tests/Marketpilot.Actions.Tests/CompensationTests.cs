using Marketpilot.Actions.Guardrails;
using Marketpilot.Actions.Undo;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Actions.Tests;

public sealed class CompensationTests
{
    private static readonly SkuSnapshot Kettle = new()
    {
        Marketplace = Marketplaces.Simulator,
        ShopId = "demo",
        Sku = "kettle",
        Price = 100m,
        Cost = 50m,
        Promotions = ["black-friday"],
    };

    private static readonly CampaignSnapshot[] Campaigns =
    [
        new() { Marketplace = Marketplaces.Simulator, ShopId = "demo", CampaignId = "ads-1", Kind = CampaignKind.Ad, Status = CampaignStatus.Active, Bid = 12m, Skus = ["kettle"] },
        new() { Marketplace = Marketplaces.Simulator, ShopId = "demo", CampaignId = "ads-2", Kind = CampaignKind.Ad, Status = CampaignStatus.Paused, Skus = ["kettle"] },
    ];

    [Theory]
    [MemberData(nameof(Undoable))]
    public void AnAppliedActionIsUndoneByRestoringWhatItReplaced(RuleAction action, RuleAction[] expected)
    {
        var (actions, refusal) = Compensation.For(Applied(action));

        Assert.Null(refusal);
        Assert.Equal(expected, actions.Select(a => a with { Reason = null }));
    }

    public static TheoryData<RuleAction, RuleAction[]> Undoable => new()
    {
        { new SetPrice(120m), [new SetPrice(100m)] },
        { new AddToPromo("cyber-monday"), [new RemoveFromPromo("cyber-monday")] },
        { new RemoveFromPromo(), [new AddToPromo("black-friday")] },
        { new PauseAds(), [new ResumeAds("ads-1")] },
        { new SetBid("ads-1", 20m), [new SetBid("ads-1", 12m)] },
    };

    [Fact]
    public void ACreatedCouponIsCancelledByTheIdTheConnectorReported()
    {
        var (actions, _) = Compensation.For(Applied(new CreateCoupon(0.1m, TimeSpan.FromDays(3))) with { CreatedId = "c-42" });

        Assert.Equal(new CancelCoupon("c-42"), actions.Single() with { Reason = null });
    }

    [Theory]
    [InlineData("notification cannot be taken back")]
    public void ANotificationCannotBeUndone(string why)
    {
        var (actions, refusal) = Compensation.For(Applied(new Notify("manager", "hi")));

        Assert.Empty(actions);
        Assert.Contains(why, refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void AnActionThatChangedNothingIsNotUndone()
    {
        var (_, refusal) = Compensation.For(Applied(new AddToPromo("black-friday")));

        Assert.Contains("changed nothing", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyActionsOnTheSameThingOverlap()
    {
        Assert.True(Compensation.Overlaps(new SetPrice(1m), new SetPrice(2m)));
        Assert.True(Compensation.Overlaps(new PauseAds(), new ResumeAds("ads-1")));
        Assert.False(Compensation.Overlaps(new SetBid("ads-1", 1m), new SetBid("ads-2", 1m)));
        Assert.False(Compensation.Overlaps(new SetPrice(1m), new PauseAds()));
    }

    private static ActionRecord Applied(RuleAction action) => new(
        "a1", "rule", "v1", Kettle.Key, action, ActionStatus.Applied, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
        Replaced: Replacement.Capture(action, Kettle, Campaigns, new SkuActionDay()));
}
