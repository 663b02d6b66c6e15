using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;
using Marketpilot.Scripting.Tests.Support;

namespace Marketpilot.Scripting.Tests;

public sealed class SkuEvaluationContextTests
{
    [Fact]
    public void RulesInOneContextShareItsListsAndNoneSeesLaterChangesToTheSource()
    {
        var history = new List<DailyMetrics> { new(Some.Day(22), 10, 2, 1, 1, 0) };
        var campaigns = new List<CampaignSnapshot> { new() { Marketplace = Marketplaces.Ozon, ShopId = "shop-1", CampaignId = "c-1" } };
        var context = SkuEvaluationContext.Create(Some.Sku(), history, campaigns, Some.Now);

        var first = context.GlobalsFor(RuleState.New("a"));
        var second = context.GlobalsFor(RuleState.New("b"));
        history.Clear();
        campaigns.Clear();

        Assert.Same(context.History, first.History);
        Assert.Same(first.History, second.History);
        Assert.Same(first.Campaigns, second.Campaigns);
        Assert.Equal([new DailyMetrics(Some.Day(22), 10, 2, 1, 1, 0)], second.History);
        Assert.Equal("c-1", Assert.Single(second.Campaigns).CampaignId);
        Assert.Equal(("a", "b"), (first.Rule.RuleId, second.Rule.RuleId));
        Assert.Equal(Some.Now, second.Now);
    }
}
