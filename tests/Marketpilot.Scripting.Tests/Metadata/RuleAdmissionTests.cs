using Marketpilot.Scripting.Metadata;
using Marketpilot.Scripting.Tests.Support;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting.Tests.Metadata;

/// <summary>What <see cref="RuleMetadata.Admits"/> lets through: minimum data from the history the rule sees, new items, scope by category, tags and price.</summary>
public sealed class RuleAdmissionTests
{
    private static readonly DateOnly Today = Some.Day(22);

    [Fact]
    public void MinDataCountsOnlyTheDaysOfItsWindow()
    {
        var metadata = Metadata("// @min-data: clicks>=100/7d");
        var old = Day(-10, clicks: 500);

        Assert.False(metadata.Admits(Globals([old, Day(-6, clicks: 40), Day(0, clicks: 59)])));
        Assert.True(metadata.Admits(Globals([old, Day(-6, clicks: 41), Day(0, clicks: 59)])));
        Assert.False(metadata.Admits(Globals([Day(-7, clicks: 41), Day(0, clicks: 59)])));
    }

    [Fact]
    public void MinDataOverAnyWindowUsesTheSameNewestDayAsTheRulesOwnWindows()
    {
        var metadata = Metadata("// @min-data: orders>=3/14d");

        Assert.True(metadata.Admits(Globals([Day(-13, orders: 2), Day(0, orders: 1)])));
        Assert.False(metadata.Admits(Globals([Day(-14, orders: 2), Day(0, orders: 1)])));
    }

    [Fact]
    public void EveryMinimumMustBeMet()
    {
        var metadata = Metadata("// @min-data: impressions>=1000/30d, add-to-cart>=2/1d");

        Assert.True(metadata.Admits(Globals([Day(-20, impressions: 900), Day(0, impressions: 100, addToCart: 2)])));
        Assert.False(metadata.Admits(Globals([Day(-20, impressions: 900), Day(0, impressions: 100, addToCart: 1)])));
        Assert.False(metadata.Admits(Globals([Day(-20, impressions: 800), Day(0, impressions: 100, addToCart: 2)])));
    }

    [Fact]
    public void NotNewItemSkipsItemsYoungerThanItsDays()
    {
        var fortnight = Metadata("// @guards: not-new-item=14d");
        var month = Metadata("// @guards: not-new-item");

        Assert.True(fortnight.Admits(Globals([], ListedDaysAgo(20))));
        Assert.False(fortnight.Admits(Globals([], ListedDaysAgo(10))));
        Assert.False(month.Admits(Globals([], ListedDaysAgo(20))));
        Assert.True(month.Admits(Globals([], ListedDaysAgo(30))));
    }

    [Fact]
    public void ScopeByCategoryIgnoresCaseAndLeavesOutSkusWithoutOne()
    {
        var metadata = Metadata("// @scope: category=Kettles,Irons");

        Assert.True(metadata.Admits(Globals([], Sku() with { Category = "irons" })));
        Assert.False(metadata.Admits(Globals([], Sku() with { Category = "Toasters" })));
        Assert.False(metadata.Admits(Globals([], Sku())));
    }

    [Fact]
    public void ScopeByTagAdmitsASkuCarryingAnyOfThem()
    {
        var metadata = Metadata("// @scope: tag=summer, gift");

        Assert.True(metadata.Admits(Globals([], Sku() with { Tags = ["eco", "Gift"] })));
        Assert.False(metadata.Admits(Globals([], Sku() with { Tags = ["winter"] })));
        Assert.False(metadata.Admits(Globals([], Sku())));
    }

    [Theory]
    [InlineData(99.99, false)]
    [InlineData(100, true)]
    [InlineData(5000, true)]
    [InlineData(5000.01, false)]
    public void ScopeByPriceBandIncludesBothBounds(decimal price, bool admitted)
    {
        var metadata = Metadata("// @scope: price=100..5000");

        Assert.Equal(admitted, metadata.Admits(Globals([], Sku() with { Price = price })));
    }

    [Fact]
    public void EveryPartOfTheScopeMustAdmit()
    {
        var metadata = Metadata("// @scope: marketplace=ozon; category=Kettles; price=..5000");
        var kettle = Sku() with { Category = "Kettles", Price = 3000m };

        Assert.True(metadata.Admits(Globals([], kettle)));
        Assert.False(metadata.Admits(Globals([], kettle with { Marketplace = Marketplaces.Wildberries })));
        Assert.False(metadata.Admits(Globals([], kettle with { Price = 6000m })));
    }

    [Fact]
    public void ASkippedRuleProposesNothingInProcess()
    {
        var rule = Some.Rule("// @min-data: clicks>=100/7d\nSetPrice(1m);");

        Assert.Equal(RuleOutcome.NoAction, rule.Evaluate(Globals([Day(0, clicks: 99)])).Outcome);
        Assert.Equal(RuleOutcome.Fired, rule.Evaluate(Globals([Day(0, clicks: 100)])).Outcome);
    }

    private static RuleMetadata Metadata(string header)
    {
        var compilation = new RuleCompiler().Compile("admits.csx", header + "\nSetPrice(1m);");
        Assert.True(compilation.Succeeded, string.Join('\n', compilation.Diagnostics));
        return compilation.Metadata;
    }

    private static SkuSnapshot Sku() => Some.Sku(date: Today);

    private static SkuSnapshot ListedDaysAgo(int days) => Sku() with { ListedAt = Some.Now.AddDays(-days) };

    private static DailyMetrics Day(int offset, long impressions = 0, long clicks = 0, long addToCart = 0, long orders = 0) =>
        new(Today.AddDays(offset), Math.Max(impressions, clicks), clicks, addToCart, orders, 0);

    private static RuleGlobals Globals(IReadOnlyList<DailyMetrics> history, SkuSnapshot? sku = null) =>
        new(sku ?? Sku(), history, [], RuleState.New("test"), Some.Now);
}
