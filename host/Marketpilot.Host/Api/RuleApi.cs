using Marketpilot.Host.Rules;
using Marketpilot.Scripting;

namespace Marketpilot.Host.Api;

/// <summary>The rules route.</summary>
public static class RuleApi
{
    /// <summary>Maps <c>GET /rules</c> on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapRuleApi(this RouteGroupBuilder api)
    {
        api.MapGet("/rules", async (RuleStatusReader statuses) => Results.Ok(await statuses.ReadAsync()))
            .WithSummary("List the rule files: id, version (content hash), whether they compiled, triggers and next scheduled run, mode (the one set through the API or CLI, else the header's), runs and failures in this process")
            .Produces<IReadOnlyList<RuleStatus>>()
            .AdminOnly();
        return api;
    }
}
