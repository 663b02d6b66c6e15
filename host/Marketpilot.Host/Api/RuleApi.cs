using Marketpilot.Actions.Control;
using Marketpilot.Grains.Scheduling;
using Marketpilot.Host.Experiments;
using Marketpilot.Scripting;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Api;

/// <summary>The rules route.</summary>
public static class RuleApi
{
    /// <summary>Maps <c>GET /rules</c> on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapRuleApi(this RouteGroupBuilder api)
    {
        api.MapGet("/rules", DescribeAsync)
            .WithSummary("List the rule files: id, version (content hash), whether they compiled, triggers and next scheduled run, mode (the one set through the API or CLI, else the header's), runs and failures in this process")
            .Produces<IReadOnlyList<RuleStatus>>()
            .AdminOnly();
        return api;
    }

    private static async Task<IResult> DescribeAsync(
        IRuleRunner rules, AutomationSwitches switches, IGrainFactory grains, IOptions<RuleScheduleOptions> options, ShopCalendar calendar, TimeProvider time)
    {
        var schedule = RuleSchedule.From(options.Value);
        var now = time.GetUtcNow();
        var modes = (await switches.RefreshAsync()).RuleModes;
        var statuses = rules.Describe()
            .Select(status => status with { Mode = modes.GetValueOrDefault(status.Rule.Id, status.Mode) })
            .Select(status => status.Compiled && !status.Quarantined ? status with { NextScheduledRunAt = schedule.NextRunOf(status.Triggers, status.Metadata?.CronSchedules ?? [], calendar.Zones, now) } : status)
            .ToList();
        for (var i = 0; i < statuses.Count; i++)
        {
            if (statuses[i].Metadata?.Emergency is not null && await grains.EmergencyStopOfAsync(statuses[i].Rule) is { } stop)
            {
                statuses[i] = statuses[i] with { EmergencyStoppedAt = stop.StoppedAt, EmergencyReason = stop.Reason };
            }
        }

        return Results.Ok(statuses);
    }
}
