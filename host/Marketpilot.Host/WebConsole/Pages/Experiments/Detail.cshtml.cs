using System.Text.Json;
using Marketpilot.Experiments;
using Marketpilot.Host.Api;
using Marketpilot.Host.Experiments;
using Marketpilot.Host.Rules;
using Marketpilot.Scripting;
using Microsoft.AspNetCore.Mvc;

namespace Marketpilot.Host.WebConsole.Pages.Experiments;

/// <summary>A rule's test arm against its control: the KPIs with 95% intervals, the rollout, the emergency thresholds.</summary>
public sealed class DetailModel(IRuleRunner runner, RuleStatusReader rules, RuleReportService reports) : ConsolePage
{
    /// <summary>The rule's status.</summary>
    public RuleStatus? Rule { get; private set; }

    /// <summary>The report over the shops the key sees.</summary>
    public ExperimentReport? Report { get; private set; }

    /// <summary>The shops counted.</summary>
    public IReadOnlyList<string> Shops { get; private set; } = [];

    /// <summary>Where the report stands against each emergency threshold.</summary>
    public IReadOnlyList<ThresholdStanding> Thresholds { get; private set; } = [];

    /// <summary>Why the rule was stopped, as the key may read it (<see cref="ShopAccess.EmergencyReason"/>).</summary>
    public string? EmergencyReason => Rule?.EmergencyReason is { } reason ? Access.EmergencyReason(reason) : null;

    /// <summary>The relative differences and their intervals, as JSON for the chart.</summary>
    public string ChartJson { get; private set; } = "[]";

    /// <summary>Builds the report of the last 28 days with data, as <c>GET /api/v1/rules/{id}/report</c> does.</summary>
    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Rule = (await rules.ReadAsync()).FirstOrDefault(r => r.Rule.Id == id);
        if (Rule is null)
        {
            return NotFound();
        }

        if (runner.Rules.FirstOrDefault(r => r.Id == id) is { } descriptor)
        {
            (Report, Shops, _) = await reports.BuildAsync(descriptor, Access.CanSee, cancellationToken);
            Thresholds = Rule.Metadata?.Emergency?.StandingIn(Report) ?? [];
            ChartJson = JsonSerializer.Serialize(Report.Kpis
                .Where(k => k.Relative is not null)
                .Select(k => new { kpi = T[k.Kpi].Value, value = k.Relative!.Value * 100, low = k.Relative.Low * 100, high = k.Relative.High * 100 }));
        }

        return Page();
    }
}
