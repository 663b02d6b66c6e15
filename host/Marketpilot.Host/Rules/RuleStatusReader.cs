using Marketpilot.Actions.Control;
using Marketpilot.Grains.Scheduling;
using Marketpilot.Host.Experiments;
using Marketpilot.Scripting;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Rules;

/// <summary>
/// Every rule file as operators see it: compiled or not, its mode (the one set through the API, CLI or console, else the
/// header's), its next scheduled run and its emergency stop. <c>GET /api/v1/rules</c> and the console read it here.
/// </summary>
public sealed class RuleStatusReader(
    IRuleRunner rules, AutomationSwitches switches, IGrainFactory grains, IOptions<RuleScheduleOptions> options, ShopCalendar calendar, TimeProvider time)
{
    /// <summary>The status of every rule file.</summary>
    public async Task<IReadOnlyList<RuleStatus>> ReadAsync()
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

        return statuses;
    }
}
