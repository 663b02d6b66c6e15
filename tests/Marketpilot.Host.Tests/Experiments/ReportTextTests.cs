extern alias host;

using host::Marketpilot.Host.Api;
using host::Marketpilot.Host.Experiments;
using Marketpilot.Actions.Control;
using Marketpilot.Experiments;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Host.Tests.Experiments;

/// <summary>The table <c>rules report</c> prints: the warnings a reader must not miss.</summary>
public sealed class ReportTextTests
{
    private static readonly DateOnly Day = new(2026, 11, 11);

    [Fact]
    public void AThinArmEstimatedRevenueAndAnEmergencyStopAreEachSaidInTheTable()
    {
        // Two SKUs per arm at most: fewer than ExperimentReport.MinSkusPerArm.
        var outcomes = Enumerable.Range(1, 4).Select(i => new SkuDayOutcome(new SkuKey("ozon", "shop-1", $"T-{i}"), Day, 10, i, 0, 100m * i, 40m * i, false));
        var report = ExperimentReport.Build("thin", Rollout.Parse("50%"), outcomes, [], Day, Day);
        var stop = new RuleEmergencyStop("v1", "the test arm's margin rate is 9.0 points below control", new DateTimeOffset(2026, 11, 12, 8, 30, 0, TimeSpan.Zero), null);

        var text = ReportText.Of(RuleReportView.Of(report, ["ozon/shop-1"], estimatedRevenueSkuDays: 4, emergencyStop: stop));
        var plain = ReportText.Of(RuleReportView.Of(report with { EnoughData = true }, ["ozon/shop-1"]));

        Assert.Contains($"not enough data: each arm needs at least {ExperimentReport.MinSkusPerArm} SKUs with data", text, StringComparison.Ordinal);
        Assert.Contains("revenue: 4 SKU-days had no marketplace revenue and count orders × price", text, StringComparison.Ordinal);
        Assert.Contains("emergency stop 2026-11-12 08:30 UTC: the test arm's margin rate is 9.0 points below control", text, StringComparison.Ordinal);
        Assert.DoesNotContain("not enough data", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("revenue:", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("emergency stop", plain, StringComparison.Ordinal);
    }
}
