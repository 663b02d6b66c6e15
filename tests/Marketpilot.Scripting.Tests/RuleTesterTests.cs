using System.Text.Json;
using Marketpilot.Scripting.Tests.Support;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;
using Marketpilot.Sdk.Serialization;

namespace Marketpilot.Scripting.Tests;

public sealed class RuleTesterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void SameSkuOnSeveralDatesBuildsItsHistoryOldestFirst()
    {
        var fixture = new RuleFixture([Some.Sku(date: Some.Day(21), clicks: 21), Some.Sku(date: Some.Day(19), clicks: 19), Some.Sku(date: Some.Day(20), clicks: 20)]);

        var input = Assert.Single(RuleTester.Prepare(fixture, Some.Day(21)));

        Assert.Equal([Some.Day(19), Some.Day(20), Some.Day(21)], input.History.Select(d => d.Date));
        Assert.Equal(21, input.Sku.Clicks);
    }

    [Fact]
    public void ResentDateReplacesTheEarlierSnapshot()
    {
        var fixture = new RuleFixture([Some.Sku(date: Some.Day(20), clicks: 1), Some.Sku(date: Some.Day(20), clicks: 2)]);

        var input = Assert.Single(RuleTester.Prepare(fixture, Some.Day(20)));

        Assert.Equal(2, Assert.Single(input.History).Clicks);
    }

    [Fact]
    public void OnlyCampaignsOfTheShopThatListTheSkuCoverIt()
    {
        CampaignSnapshot Ad(string id, string shop, params string[] skus) =>
            new() { Marketplace = Marketplaces.Ozon, ShopId = shop, CampaignId = id, Skus = skus };
        var fixture = new RuleFixture([Some.Sku("A-1")], [Ad("ad-1", "shop-1", "A-1"), Ad("ad-2", "shop-1", "B-1"), Ad("ad-3", "shop-2", "A-1")]);

        var input = Assert.Single(RuleTester.Prepare(fixture, Some.Day(20)));

        Assert.Equal("ad-1", Assert.Single(input.Campaigns).CampaignId);
    }

    [Fact]
    public void EvaluationTimeIsMidnightAfterTheNewestDate()
    {
        var now = RuleTester.EvaluationTime([Some.Sku(date: Some.Day(20)), Some.Sku("B-1", date: Some.Day(22))], TimeProvider.System);

        Assert.Equal(Some.Now, now);
    }

    [Fact]
    public async Task RuleRunsOncePerSkuInFixtureOrder()
    {
        var rule = Some.Rule("Notify(\"a\", $\"{Sku.Sku} {History.Count} {Now:yyyy-MM-dd}\");");
        SkuSnapshot[] snapshots = [Some.Sku("B-1", Some.Day(21)), Some.Sku("A-1", Some.Day(21)), Some.Sku("B-1", Some.Day(22))];

        var results = await RuleTester.RunAsync(rule, snapshots, Timeout);

        Assert.Equal(["ozon/shop-1/B-1", "ozon/shop-1/A-1"], results.Select(r => r.Sku.ToString()));
        Assert.Equal(["B-1 2 2026-11-23", "A-1 1 2026-11-23"], results.Select(r => ((Sdk.Actions.Notify)r.Run.Actions[0]).Message));
    }

    [Fact]
    public async Task OutputIsTheDocumentedCamelCaseShape()
    {
        var rule = Some.Rule("SetPrice(113.64m, \"margin\");");

        var results = await RuleTester.RunAsync(rule, [Some.Sku()], Timeout);

        const string expected = """
            [
              {
                "sku": "ozon/shop-1/A-1",
                "outcome": "fired",
                "actions": [
                  {
                    "kind": "setPrice",
                    "price": 113.64,
                    "reason": "margin"
                  }
                ]
              }
            ]
            """;
        Assert.Equal(expected.ReplaceLineEndings(), RuleTestOutput.Serialize(results).ReplaceLineEndings());
        Assert.Equal(RuleOutcome.Fired, results[0].Run.Outcome);
    }

    [Fact]
    public async Task OutputSerializesWithTheSharedJsonOptions()
    {
        var rule = Some.Rule("PauseAds(\"ad-1\");");

        var results = await RuleTester.RunAsync(rule, [Some.Sku()], Timeout);

        var json = JsonSerializer.Serialize(RuleTestOutput.From(results), MarketpilotJson.Options);
        Assert.Equal("""[{"sku":"ozon/shop-1/A-1","outcome":"fired","actions":[{"kind":"pauseAds","campaignId":"ad-1"}]}]""", json);
    }
}
