using Marketpilot.Host.Api;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Host.Demo;

/// <summary>What <c>demo --json</c> prints.</summary>
/// <param name="Days">Simulated days with the rules on.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Skus">SKUs in the shop.</param>
/// <param name="Rollout">Every rule's test share.</param>
/// <param name="SkuDays">SKU-days evaluated.</param>
/// <param name="Evaluations">Rule evaluations.</param>
/// <param name="ElapsedSeconds">Wall-clock seconds of the run (the one field that differs between runs of one seed).</param>
/// <param name="Rules">Each rule: its action counts and its experiment report.</param>
public sealed record DemoView(int Days, int Seed, int Skus, string Rollout, long SkuDays, long Evaluations, double ElapsedSeconds, IReadOnlyList<DemoRuleView> Rules)
{
    /// <summary>The view of <paramref name="result"/>.</summary>
    /// <param name="result">A demo run.</param>
    /// <returns>The view.</returns>
    public static DemoView Of(DemoResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var settings = result.Settings;
        return new DemoView(
            settings.Days, settings.Seed, settings.Skus, settings.Rollout.ToString(), result.SkuDays, result.Evaluations, Math.Round(result.Elapsed.TotalSeconds, 3),
            [.. result.Rules.Select(r => new DemoRuleView(r.RuleId, r.Applied, r.Rejected, r.Notified, r.Control, RuleReportView.Of(r.Report, [$"{Marketplaces.Simulator}/demo"])))]);
    }
}

/// <summary>One rule in <see cref="DemoView"/>.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Applied">Test-arm actions the simulator applied.</param>
/// <param name="Rejected">Test-arm actions refused by a guardrail or the simulator.</param>
/// <param name="Notified">Test-arm notifications (counted, not sent).</param>
/// <param name="Control">Control-arm actions recorded.</param>
/// <param name="Report">The experiment report.</param>
public sealed record DemoRuleView(string RuleId, int Applied, int Rejected, int Notified, int Control, RuleReportView Report);
