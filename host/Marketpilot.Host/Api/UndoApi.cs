using Marketpilot.Actions;
using Marketpilot.Actions.Undo;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Host.Api;

/// <summary>The undo routes: undo one applied action, or roll a rule back.</summary>
public static class UndoApi
{
    /// <summary>Maps <c>POST /actions/{id}/undo</c> and <c>POST /rules/{id}/rollback</c> on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapUndoApi(this RouteGroupBuilder api)
    {
        api.MapPost("/actions/{id}/undo", UndoAsync)
            .WithSummary("Undo an applied action")
            .WithDescription("Queues the compensating actions (the price back, the promotion left or rejoined, ads resumed or paused, the coupon cancelled) through the same guardrails and outbox. 409 with the reason for the undo of an undo, an action that is not applied (rejected, dry-run, pending, failed), one already undone or overwritten by a later action, and an undo the guardrails refuse.")
            .Produces<UndoView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .PerShop();
        api.MapPost("/rules/{id}/rollback", RollbackAsync)
            .WithSummary("Roll a rule back: switch it off and undo everything it applied since a time")
            .WithDescription("Body {\"since\": \"2026-11-23T10:00:00Z\"}. Undoes newest first, at most 1000 actions per call; the actions it leaves are listed with the reason.")
            .Produces<RollbackView>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AdminOnly();
        return api;
    }

    private static async Task<IResult> UndoAsync(string id, ActionUndoService undo, IActionLog log, ShopAccess access, CancellationToken cancellationToken)
    {
        var outcome = await access.UndoAsync(undo, log, id, cancellationToken);
        return outcome.Status switch
        {
            UndoStatus.Queued => Results.Accepted(value: new UndoView(outcome.ActionId!, outcome.ActionIds)),
            UndoStatus.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Action not found", detail: outcome.Reason),
            _ => Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The action cannot be undone",
                detail: outcome.Reason,
                extensions: outcome.ActionIds.Count > 0 ? new Dictionary<string, object?> { ["actionIds"] = outcome.ActionIds } : null),
        };
    }

    private static async Task<IResult> RollbackAsync(string id, HttpRequest request, IRuleRunner rules, ActionUndoService undo, CancellationToken cancellationToken)
    {
        if (RuleModeApi.UnknownRule(id, rules) is { } notFound)
        {
            return notFound;
        }

        var body = await JsonObjectBody.ReadAsync(request, cancellationToken);
        body.RefuseUnknownFields("since");
        var text = body.RequiredString("since");
        DateTimeOffset since = default;
        if (text is not null && !IsoTime.TryParse(text, out since))
        {
            body.Errors["since"] = [IsoTime.Invalid(text)];
        }

        if (body.Errors.Count > 0)
        {
            return Results.ValidationProblem(body.Errors, title: "Invalid rollback; nothing was changed");
        }

        // The undos are queued once the rule is off: not cancelled with the request, so a rollback is never left half done.
        var outcome = await undo.RollbackAsync(id, since, CancellationToken.None);
        return Results.Accepted(value: new RollbackView(outcome.RuleId, RuleMode.Off, outcome.ActionIds, outcome.Skipped));
    }
}
