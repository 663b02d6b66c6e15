using Marketpilot.Actions.Control;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Host.Api;

/// <summary>The rule mode route: run a rule live, in dry-run, or not at all, overriding its header.</summary>
public static class RuleModeApi
{
    /// <summary>Maps <c>PUT /rules/{id}/mode</c> on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapRuleModeApi(this RouteGroupBuilder api)
    {
        api.MapPut("/rules/{id}/mode", SetAsync)
            .WithSummary("Set a rule's mode: live, dry-run or off")
            .WithDescription("Body {\"mode\": \"dry-run\"}. Persisted; it overrides the file's // @mode: header until changed again. dry-run records the rule's actions with status dry-run and sends nothing; off does not run the rule.")
            .Produces<RuleModeView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AdminOnly();
        return api;
    }

    /// <summary>A 404 problem when no rule file has the id <paramref name="ruleId"/>; <see langword="null"/> when one has.</summary>
    internal static IResult? UnknownRule(string ruleId, IRuleRunner rules) =>
        rules.Describe().Any(r => r.Rule.Id == ruleId)
            ? null
            : Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Rule not found",
                detail: $"No rule file has the id '{ruleId}'; the rules are: {string.Join(", ", rules.Describe().Select(r => r.Rule.Id))}");

    private static async Task<IResult> SetAsync(string id, HttpRequest request, IRuleRunner rules, AutomationSwitches switches, CancellationToken cancellationToken)
    {
        if (UnknownRule(id, rules) is { } notFound)
        {
            return notFound;
        }

        var body = await JsonObjectBody.ReadAsync(request, cancellationToken);
        body.RefuseUnknownFields("mode");
        var name = body.RequiredString("mode");
        var known = RuleModeNames.TryParse(name, out var mode);
        if (name is not null && !known)
        {
            body.Errors["mode"] = [$"'{name}' is not a mode; use {string.Join(", ", RuleModeNames.All)}"];
        }

        if (body.Errors.Count > 0)
        {
            return Results.ValidationProblem(body.Errors, title: "Invalid rule mode; nothing was changed");
        }

        await switches.SetRuleModeAsync(id, mode);
        return Results.Ok(new RuleModeView(id, mode));
    }
}
