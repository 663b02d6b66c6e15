using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Events;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting.Tests.Metadata;

public sealed class EventTriggerTests
{
    private readonly RuleCompiler _compiler = new();

    [Fact]
    public void EveryEventKindAndTheDelayedViewAreParsedAlongsideTheOtherTriggers()
    {
        var compilation = _compiler.Compile(
            "scripts/events.csx",
            "// @triggers: daily, event(order-placed), event(return), event(stock-out), event(campaign-stats-updated), event(view-without-purchase, 24h)\nNotify(\"a\", \"b\");");

        Assert.True(compilation.Succeeded, string.Join('\n', compilation.Diagnostics));
        Assert.Equal([RuleTrigger.Daily, RuleTrigger.Event], compilation.Metadata.Triggers);
        Assert.Equal(
            [
                new EventTrigger(MarketplaceEventKind.OrderPlaced),
                new EventTrigger(MarketplaceEventKind.Return),
                new EventTrigger(MarketplaceEventKind.StockOut),
                new EventTrigger(MarketplaceEventKind.CampaignStatsUpdated),
                new EventTrigger(MarketplaceEventKind.View, TimeSpan.FromHours(24)),
            ],
            compilation.Metadata.EventTriggers);
    }

    [Fact]
    public void ARuleWithoutEventTriggersHasNone()
    {
        var compilation = _compiler.Compile("scripts/plain.csx", "// @triggers: hourly\nNotify(\"a\", \"b\");");

        Assert.Empty(compilation.Metadata.EventTriggers);
    }

    [Fact]
    public void TheTriggerPrintsAsItIsWritten()
    {
        Assert.Equal("event(order-placed)", new EventTrigger(MarketplaceEventKind.OrderPlaced).ToString());
        Assert.Equal("event(view-without-purchase, 36h)", new EventTrigger(MarketplaceEventKind.View, TimeSpan.FromHours(36)).ToString());
    }

    [Theory]
    [InlineData("// @triggers: event(refund)", "'refund' is not an event; use order-placed, return, stock-out, campaign-stats-updated, view-without-purchase")]
    [InlineData("// @triggers: event(view)", "'view' is not an event")]
    [InlineData("// @triggers: event(view-without-purchase)", "needs a delay")]
    [InlineData("// @triggers: event(view-without-purchase, soon)", "'soon' is not a duration")]
    [InlineData("// @triggers: event(order-placed, 2h)", "only view-without-purchase takes a delay")]
    [InlineData("// @triggers: event order-placed", "is not an event trigger")]
    [InlineData("// @triggers: daily, event(stock-out", "the parentheses in 'daily, event(stock-out' do not match")]
    public void ABadEventTriggerIsAnErrorNamingIt(string header, string message)
    {
        var compilation = _compiler.Compile("bad.csx", header + "\nNotify(\"a\", \"b\");");

        var error = Assert.Single(compilation.Diagnostics);
        Assert.Equal(("MP1004", 1, 15), (error.Code, error.Line, error.Column));
        Assert.Contains("invalid @triggers", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARuleReadsTheEventItRunsOn()
    {
        var compilation = _compiler.Compile(
            "scripts/retarget.csx",
            "// @triggers: event(view-without-purchase, 24h)\nif (Event is { Kind: MarketplaceEventKind.View } e) Notify($\"shopper:{e.ShopperId}\", \"come back\");");
        Assert.True(compilation.Succeeded, string.Join('\n', compilation.Diagnostics));
        var sku = new SkuSnapshot { Marketplace = "sim", ShopId = "shop", Sku = "A" };
        var view = new MarketplaceEvent("v1", MarketplaceEventKind.View, DateTimeOffset.UnixEpoch, sku.Key, ShopperId: "s-42");

        var withEvent = new RuleGlobals(sku, [], [], RuleState.New("retarget"), DateTimeOffset.UnixEpoch, view);
        var withoutEvent = new RuleGlobals(sku, [], [], RuleState.New("retarget"), DateTimeOffset.UnixEpoch);

        Assert.Equal(new Notify("shopper:s-42", "come back"), Assert.Single(compilation.Compiled!.Evaluate(withEvent).Actions));
        Assert.Empty(compilation.Compiled!.Evaluate(withoutEvent).Actions);
    }
}
