using Marketpilot.Grains.Scheduling;
using Marketpilot.Scripting;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Api;

/// <summary>The rules route.</summary>
public static class RuleApi
{
    /// <summary>Maps <c>GET /rules</c> on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapRuleApi(this RouteGroupBuilder api)
    {
        api.MapGet("/rules", Describe)
            .WithSummary("List the rule files: id, version (content hash), whether they compiled, triggers and next scheduled run, runs and failures in this process")
            .Produces<IReadOnlyList<RuleStatus>>();
        return api;
    }

    private static IResult Describe(IRuleRunner rules, IOptions<RuleScheduleOptions> options, TimeProvider time)
    {
        var schedule = RuleSchedule.From(options.Value);
        var now = time.GetUtcNow();
        return Results.Ok(rules.Describe()
            .Select(status => status.Compiled && !status.Quarantined ? status with { NextScheduledRunAt = schedule.NextRunOf(status.Triggers, now) } : status)
            .ToList());
    }
}
