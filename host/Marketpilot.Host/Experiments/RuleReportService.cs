using Marketpilot.Actions;
using Marketpilot.Experiments;
using Marketpilot.Host.Catalog;
using Marketpilot.Scripting;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Host.Experiments;

/// <summary>
/// Builds a rule's experiment report from what the host stored: the SKU-days of the SKUs in the rule's scope (and in the
/// caller's shops) and the rule's actions in the window. Reads grains and the action log only, never a marketplace.
/// </summary>
/// <param name="rules">The loaded rules: rollout and scope.</param>
/// <param name="skus">Reads the stored SKUs.</param>
/// <param name="log">The action log.</param>
/// <param name="time">The clock, for the window's end when no SKU has data.</param>
public sealed class RuleReportService(IRuleRunner rules, StoredSkus skus, IActionLog log, TimeProvider time)
{
    /// <summary>How many days a report covers when the caller names no start.</summary>
    public const int DefaultDays = 28;

    private const int ActionPage = 1000;

    /// <summary>The report of rule <paramref name="rule"/> over the <see cref="DefaultDays"/> days ending on the newest day with data.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="visible">Which shops' SKUs count (a scoped API key's shops).</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The report.</returns>
    public async Task<RuleReport> BuildAsync(RuleDescriptor rule, Func<SkuKey, bool> visible, CancellationToken cancellationToken)
    {
        var (report, _) = await BuildAsync(rule, null, null, visible, cancellationToken);
        // With neither day given the window always exists (ReportWindow.Resolve).
        return report!;
    }

    /// <summary>The report of rule <paramref name="rule"/> over <paramref name="from"/>..<paramref name="to"/>.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="from">The first day; <paramref name="to"/> − 27 days when <see langword="null"/> (not before <see cref="ReportWindow.Earliest"/>).</param>
    /// <param name="to">The last day; the newest day any counted SKU has data for when <see langword="null"/>.</param>
    /// <param name="visible">Which shops' SKUs count (a scoped API key's shops).</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>
    /// The report; or, when the days given make no window (<see cref="ReportWindow.Resolve"/>: a day before
    /// <see cref="ReportWindow.Earliest"/>, a window that ends before it starts once the defaults are applied), the
    /// errors by parameter name (<c>from</c>, <c>to</c>).
    /// </returns>
    public async Task<(RuleReport? Report, Dictionary<string, string[]> Errors)> BuildAsync(
        RuleDescriptor rule, DateOnly? from, DateOnly? to, Func<SkuKey, bool> visible, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(visible);
        var scope = rules.ScopeOf(rule);
        var views = await skus.ReadAsync(key => visible(key) && scope.Admits(key), cancellationToken);

        var newest = views.SelectMany(v => v.History).Select(d => (DateOnly?)d.Date).Max();
        var (window, errors) = ReportWindow.Resolve(from, to, newest, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (window is not (var first, var last))
        {
            return (null, errors);
        }

        // The days before the window are each SKU's pre-period (ExperimentReport.PrePeriodDays).
        var outcomes = views.SelectMany(v => SkuOutcomes.Of(v, first.AddDays(-ExperimentReport.PrePeriodDays), last)).ToList();
        var counted = outcomes.Where(o => o.Date >= first).Select(o => o.Sku).ToHashSet();
        var actions = await ActionsAsync(rule.Id, counted, cancellationToken);

        var report = ExperimentReport.Build(rule.Id, rules.RolloutOf(rule), outcomes, actions, first, last);
        var shops = counted.Select(k => $"{k.Marketplace}/{k.ShopId}").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var estimated = views.Sum(v => (long)SkuOutcomes.EstimatedRevenueDays(v, first, last));
        return (new RuleReport(report, shops, estimated), errors);
    }

    // The rule's own actions (not undos) on counted SKUs: applied in the test arm, recorded as control (and not refused by
    // a guardrail) in the control arm. Not filtered by time: an action is stamped with the wall clock, the window with the
    // data's calendar (a simulated or backfilled shop runs ahead of or behind the clock), so the SKUs decide.
    private async Task<List<ArmAction>> ActionsAsync(string ruleId, HashSet<SkuKey> counted, CancellationToken cancellationToken)
    {
        var actions = new List<ArmAction>();
        for (var offset = 0; ; offset += ActionPage)
        {
            var page = await log.QueryAsync(
                new ActionQuery(RuleId: ruleId, Offset: offset, Limit: ActionPage, Undo: false, Statuses: [ActionStatus.Applied, ActionStatus.Control]),
                cancellationToken);
            actions.AddRange(page.Items
                .Where(r => counted.Contains(r.Sku))
                .Select(r => r.Status == ActionStatus.Control
                    ? new ArmAction(r.Sku, r.Kind, ExperimentArm.Control, r.Guardrail is null)
                    : new ArmAction(r.Sku, r.Kind, ExperimentArm.Test, TookEffect: true)));
            if (page.Items.Count < ActionPage)
            {
                return actions;
            }
        }
    }
}
