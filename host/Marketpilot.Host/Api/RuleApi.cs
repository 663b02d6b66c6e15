using Marketpilot.Scripting;

namespace Marketpilot.Host.Api;

/// <summary>The rules route.</summary>
public static class RuleApi
{
    /// <summary>Maps <c>GET /rules</c> on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapRuleApi(this RouteGroupBuilder api)
    {
        api.MapGet("/rules", (IRuleRunner rules) => Results.Ok(rules.Describe()))
            .WithSummary("List the rule files: id, version (content hash), whether they compiled, runs and failures in this process")
            .Produces<IReadOnlyList<RuleStatus>>();
        return api;
    }
}
