using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Scripting.Tests.Metadata;

/// <summary>Overrides of a header, read by the header's own parser.</summary>
public sealed class RuleSettingsTests
{
    private static readonly RuleMetadata Header = new RuleCompiler().Compile(
        "h.csx",
        "// @scope: marketplace=ozon\n// @cooldown: 3d\n// @guards: in-stock\n// @min-data: clicks>=100/7d\n// @max-firings-per-day: 50\nSetPrice(1m);").Metadata;

    [Fact]
    public void AFieldGivenReplacesTheHeadersKeyAndTheOthersStay()
    {
        var (effective, errors) = new RuleSettings(Scope: "category=Kettles; price=..5000", MaxFiringsPerDay: 5).ApplyTo(Header);

        Assert.Empty(errors);
        Assert.Equal(["Kettles"], effective.Scope.Categories);
        Assert.Equal(5000m, effective.Scope.MaxPrice);
        Assert.Empty(effective.Scope.Marketplaces);
        Assert.Equal(5, effective.MaxFiringsPerDay);
        Assert.Equal(TimeSpan.FromDays(3), effective.Cooldown);
        Assert.Equal([RuleGuard.InStock], effective.Guards);
        Assert.Equal([new RuleMinimum(RuleDataMetric.Clicks, 100, 7)], effective.MinData);
    }

    [Fact]
    public void NoneClearsGuardsCooldownAndMinData()
    {
        var (effective, errors) = new RuleSettings(Guards: "none", Cooldown: "none", MinData: "none", Scope: "all").ApplyTo(Header);

        Assert.Empty(errors);
        Assert.Equal((0, (TimeSpan?)null, 0), (effective.Guards.Count, effective.Cooldown, effective.MinData.Count));
        Assert.Same(RuleScope.All, effective.Scope);
    }

    [Fact]
    public void EmergencyThresholdsAreOverriddenLikeTheModeAndNoneClearsThem()
    {
        var withHeader = new RuleCompiler().Compile("e.csx", "// @rollout: 15%\n// @emergency: margin-drop=2pt\nSetPrice(1m);").Metadata;

        var (replaced, replacedErrors) = new RuleSettings(Emergency: "orders-drop=20%, returns-above=5%").ApplyTo(withHeader);
        var (cleared, clearedErrors) = new RuleSettings(Emergency: "none").ApplyTo(withHeader);
        var bad = new RuleSettings(Emergency: "margin-drop=lots").Validate();

        Assert.Empty(replacedErrors);
        Assert.Equal(new Experiments.EmergencyThresholds(null, 0.2, 0.05), replaced.Emergency);
        Assert.Empty(clearedErrors);
        Assert.Null(cleared.Emergency);
        Assert.Equal(new Experiments.EmergencyThresholds(2, null, null), withHeader.Emergency);
        Assert.StartsWith("margin-drop 'lots' is not a number", Assert.Single(bad, e => e.Key == "emergency").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void NoSettingsLeaveTheHeaderAsItIs()
    {
        Assert.True(RuleSettings.None.IsEmpty);
        Assert.Same(Header, RuleSettings.None.ApplyTo(Header).Effective);
    }

    [Fact]
    public void ValidationNamesEveryFieldThatDoesNotReadWithTheHeadersMessage()
    {
        var settings = new RuleSettings(Scope: "region=eu", Guards: "in-stock", Cooldown: "soon", MinData: "views>=1/7d", MaxFiringsPerDay: 0);

        var errors = settings.Validate();

        Assert.Equal(["cooldown", "maxFiringsPerDay", "minData", "scope"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("'region=eu' is not a scope part", errors["scope"], StringComparison.Ordinal);
        Assert.StartsWith("'soon' is not a duration", errors["cooldown"], StringComparison.Ordinal);
        Assert.StartsWith("'views' is not a metric", errors["minData"], StringComparison.Ordinal);
        Assert.StartsWith("'0' is not a number of firings", errors["maxFiringsPerDay"], StringComparison.Ordinal);
    }
}
