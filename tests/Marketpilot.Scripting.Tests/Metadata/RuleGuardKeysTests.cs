using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Scripting.Tests.Metadata;

/// <summary>The header keys that pick the SKUs a rule runs on: @min-data, @max-firings-per-day, not-new-item=N and the wider @scope.</summary>
public sealed class RuleGuardKeysTests
{
    private readonly RuleCompiler _compiler = new();

    [Fact]
    public void MinDataIsAListOfMetricMinimumsOverWindows()
    {
        var metadata = Parse("// @min-data: clicks>=100/7d, impressions >= 2000 / 30d, add-to-cart>=5/14d, orders>=1/1d");

        Assert.Equal(
            [new(RuleDataMetric.Clicks, 100, 7), new(RuleDataMetric.Impressions, 2000, 30), new(RuleDataMetric.AddToCart, 5, 14), new RuleMinimum(RuleDataMetric.Orders, 1, 1)],
            metadata.MinData);
    }

    [Fact]
    public void MaxFiringsPerDayIsAWholeNumber()
    {
        Assert.Equal(50, Parse("// @max-firings-per-day: 50").MaxFiringsPerDay);
        Assert.Null(Parse("// @name: x").MaxFiringsPerDay);
    }

    [Fact]
    public void NotNewItemKeepsThirtyDaysUnlessItNamesItsOwn()
    {
        var plain = Parse("// @guards: not-new-item, in-stock");
        var fortnight = Parse("// @guards: in-stock, not-new-item=14d");

        Assert.Equal([RuleGuard.NotNewItem, RuleGuard.InStock], plain.Guards);
        Assert.Equal(30, plain.NewItemDays);
        Assert.Equal([RuleGuard.InStock, RuleGuard.NotNewItem], fortnight.Guards);
        Assert.Equal(14, fortnight.NewItemDays);
    }

    [Fact]
    public void ScopeTakesCategoriesTagsAndAPriceBand()
    {
        var scope = Parse("// @scope: marketplace=ozon; category=Kettles, Irons; tag=summer; price=100..5000").Scope;
        var below = Parse("// @scope: price=..5000").Scope;
        var above = Parse("// @scope: price=99.90..").Scope;

        Assert.Equal(["ozon"], scope.Marketplaces);
        Assert.Equal(["Kettles", "Irons"], scope.Categories);
        Assert.Equal(["summer"], scope.Tags);
        Assert.Equal((100m, 5000m), (scope.MinPrice, scope.MaxPrice));
        Assert.Equal(((decimal?)null, (decimal?)5000m), (below.MinPrice, below.MaxPrice));
        Assert.Equal(((decimal?)99.90m, (decimal?)null), (above.MinPrice, above.MaxPrice));
    }

    [Theory]
    [InlineData("// @min-data: clicks>100/7d", 1, 15, "'clicks>100/7d' is not a minimum; write metric>=count/window")]
    [InlineData("// @min-data: views>=100/7d", 1, 15, "'views' is not a metric; use impressions, clicks, add-to-cart, orders")]
    [InlineData("// @min-data: clicks>=100/45d", 1, 15, "the window of 'clicks>=100/45d' must be 1 to 30 days")]
    [InlineData("// @name: n\n// @min-data: ", 2, 15, "invalid @min-data: it is empty")]
    [InlineData("// @max-firings-per-day: 0", 1, 26, "'0' is not a number of firings; write a whole number from 1 to 100000")]
    [InlineData("// @max-firings-per-day: lots", 1, 26, "'lots' is not a number of firings")]
    [InlineData("// @guards: not-new-item=two-weeks", 1, 13, "'two-weeks' is not an age in days")]
    [InlineData("// @guards: in-stock=3d", 1, 13, "guard 'in-stock' takes no value")]
    [InlineData("// @guards: fresh", 1, 13, "'fresh' is not a guard")]
    [InlineData("// @scope: price=500..100", 1, 12, "price band 500..100 is empty: 500 is above 100")]
    [InlineData("// @scope: price=cheap", 1, 12, "price 'cheap' is not a band")]
    [InlineData("// @scope: price=..", 1, 12, "price '..' names no bound")]
    [InlineData("// @scope: tag=", 1, 12, "scope part 'tag' is empty or given twice")]
    [InlineData("// @scope: tag=a; tag=b", 1, 12, "scope part 'tag' is empty or given twice")]
    public void AnInvalidValueIsAnErrorAtTheValue(string header, int line, int column, string message)
    {
        var compilation = _compiler.Compile("bad.csx", header + "\nNotify(\"a\", \"b\");");

        var error = Assert.Single(compilation.Diagnostics);
        Assert.Equal(("MP1004", line, column), (error.Code, error.Line, error.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Null(compilation.Compiled);
    }

    private RuleMetadata Parse(string header)
    {
        var compilation = _compiler.Compile("keys.csx", header + "\nNotify(\"a\", \"b\");");
        Assert.True(compilation.Succeeded, string.Join('\n', compilation.Diagnostics));
        return compilation.Metadata;
    }
}
