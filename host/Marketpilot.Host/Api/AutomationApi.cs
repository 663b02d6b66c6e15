using Marketpilot.Actions.Control;

namespace Marketpilot.Host.Api;

/// <summary>The global kill switch: read it, turn every dispatch off or on.</summary>
public static class AutomationApi
{
    /// <summary>Maps <c>GET</c> and <c>PUT /automation</c> on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapAutomationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/automation", GetAsync)
            .WithSummary("Read the kill switches: whether actions are dispatched, since when, and the rule modes set through the API")
            .Produces<AutomationView>()
            .AdminOnly();
        api.MapPut("/automation", SetAsync)
            .WithSummary("Turn dispatching of every action off or on")
            .WithDescription("Body {\"enabled\": false} stops every dispatch at once: approved actions stay queued (proposed) and go out with the same idempotency keys when it is switched on again.")
            .Produces<AutomationView>()
            .ProducesValidationProblem()
            .AdminOnly();
        return api;
    }

    private static async Task<IResult> GetAsync(AutomationSwitches switches) =>
        Results.Ok(AutomationView.Of(await switches.RefreshAsync()));

    private static async Task<IResult> SetAsync(HttpRequest request, AutomationSwitches switches, CancellationToken cancellationToken)
    {
        var body = await JsonObjectBody.ReadAsync(request, cancellationToken);
        body.RefuseUnknownFields("enabled");
        var enabled = body.RequiredBoolean("enabled");
        if (enabled is null || body.Errors.Count > 0)
        {
            return Results.ValidationProblem(body.Errors, title: "Invalid automation switch; nothing was changed");
        }

        return Results.Ok(AutomationView.Of(await switches.SetEnabledAsync(enabled.Value)));
    }
}
