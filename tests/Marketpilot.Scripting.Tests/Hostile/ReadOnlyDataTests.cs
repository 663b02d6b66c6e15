using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;
using Marketpilot.Scripting.Tests.Support;

namespace Marketpilot.Scripting.Tests.Hostile;

/// <summary>Rules that cast what they are given back to a mutable list: refused, or they find nothing mutable.</summary>
public sealed class ReadOnlyDataTests
{
    public static TheoryData<string, string> CastRoutes() => HostileScripts.CastRoutes();

    [Theory]
    [MemberData(nameof(CastRoutes))]
    public void CastRouteIsRefusedOrFindsNothingMutable(string name, string source)
    {
        var history = new List<DailyMetrics> { new(Some.Day(21), 10, 2, 1, 1, 0), new(Some.Day(22), 20, 4, 2, 1, 0) };
        var promotions = new List<string> { "promo-1" };
        var covered = new List<string> { "A-1", "B-2" };
        var campaigns = new List<CampaignSnapshot>
        {
            new() { Marketplace = Marketplaces.Ozon, ShopId = "shop-1", CampaignId = "ad-1", Kind = CampaignKind.Ad, Skus = covered },
        };
        var sku = Some.Sku() with { Promotions = promotions };
        var compilation = new RuleCompiler().Compile(name + ".csx", source);
        if (compilation.Compiled is not { } rule)
        {
            Assert.Contains(compilation.Diagnostics, d => d.IsError);
            return;
        }

        var globals = new RuleGlobals(sku, history, campaigns, RuleState.New("hostile"), Some.Now);
        var run = rule.Evaluate(globals);

        Assert.Equal([new(Some.Day(21), 10, 2, 1, 1, 0), new(Some.Day(22), 20, 4, 2, 1, 0)], history);
        Assert.Equal(["promo-1"], promotions);
        Assert.Equal(["A-1", "B-2"], covered);
        Assert.Equal(2, globals.History.Count);
        Assert.Single(globals.Campaigns);
        Assert.Equal(["promo-1"], globals.Sku.Promotions);
        Assert.Equal(["A-1", "B-2"], globals.Campaigns[0].Skus);
        Assert.Empty(globals.Messages);

        // The script proposes one action, then tries to erase it or add a forged one: a failed cast or a refused change
        // fails the run, which discards its actions; a run that completes proposes exactly what it proposed.
        if (run.Outcome == RuleOutcome.Failed)
        {
            Assert.Empty(run.Actions);
        }
        else
        {
            Assert.Equal([new Notify("manager", "probe")], run.Actions);
        }
    }

    [Fact]
    public void WhatARuleReceivesIsNoMutableCollection()
    {
        var globals = new RuleGlobals(
            Some.Sku() with { Promotions = new List<string> { "p" } },
            new List<DailyMetrics> { new(Some.Day(22), 1, 1, 1, 1, 0) },
            new List<CampaignSnapshot> { new() { Marketplace = Marketplaces.Ozon, ShopId = "shop-1", CampaignId = "c", Skus = new List<string> { "A-1" } } },
            RuleState.New("r"),
            Some.Now);
        globals.Notify("manager", "x");
        globals.Log("x");

        object[] reachable = [globals.History, globals.Campaigns, globals.Sku.Promotions, globals.Campaigns[0].Skus, globals.Actions, globals.Messages];
        Assert.All(reachable, list => Assert.False(IsMutable(list), list.GetType().ToString()));
    }

    // Whatever a cast can reach: an array with elements, a writable IList or a writable ICollection<T> of any T.
    private static bool IsMutable(object list) =>
        list is Array { Length: > 0 }
        || list is System.Collections.IList { IsReadOnly: false }
        || list.GetType().GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollection<>))
            .Any(i => !(bool)i.GetProperty(nameof(ICollection<int>.IsReadOnly))!.GetValue(list)!);
}
