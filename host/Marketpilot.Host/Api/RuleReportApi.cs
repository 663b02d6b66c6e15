using System.Globalization;
using Marketpilot.Host.Experiments;
using Marketpilot.Scripting;

namespace Marketpilot.Host.Api;

/// <summary>The experiment report route: a rule's test arm against its control arm.</summary>
public static class RuleReportApi
{
    private const string InvalidWindow = "Invalid report window";

    /// <summary>Maps <c>GET /rules/{id}/report</c> on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapRuleReportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/rules/{id}/report", ReportAsync)
            .WithSummary("A rule's experiment: its test arm against its control arm over a window of days")
            .WithDescription("Query: from, to (yyyy-MM-dd, the data's calendar, from 1970-01-01 to 9000-12-31, the days data can have; default the 28 days ending on the newest day with data; a window that ends before it starts, given or once the defaults are applied, is a 400 naming from or to). Per arm: SKUs, SKU-days, clicks, orders, revenue, margin, stock-out days, returns; per KPI the difference test − control, absolute and relative, with a 95% confidence interval; the incremental margin; the same per action kind; how many SKU-days had no marketplace revenue (orders × price used); the rule version's emergency stop, if any. The SKU is the unit of analysis (docs/experiments.md). A key scoped to shops gets the report over its shops' SKUs only.")
            .Produces<RuleReportView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .PerShop();
        return api;
    }

    private static async Task<IResult> ReportAsync(
        string id, HttpRequest request, IRuleRunner rules, RuleReportService reports, ShopAccess access, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (RuleModeApi.UnknownRule(id, rules) is { } notFound)
        {
            return notFound;
        }

        var errors = new Dictionary<string, string[]>();
        var from = Date(request.Query["from"].ToString(), "from", errors);
        var to = Date(request.Query["to"].ToString(), "to", errors);
        if (errors.Count == 0)
        {
            errors = ReportWindow.Check(from, to);
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: InvalidWindow);
        }

        // A rule that did not compile has no descriptor to report on; its file still exists, so 404 would mislead.
        if (rules.Rules.FirstOrDefault(r => r.Id == id) is not { } rule)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Rule not loaded", detail: $"Rule '{id}' did not compile; `marketpilot rules check` says why.");
        }

        // Whether the window ends before it starts once the defaults are applied depends on the data.
        var (built, windowErrors) = await reports.BuildAsync(rule, from, to, access.CanSee, cancellationToken);
        if (built is not (var report, var shops, var estimated))
        {
            return Results.ValidationProblem(windowErrors, title: InvalidWindow);
        }

        var stop = await grains.EmergencyStopOfAsync(rule);
        return Results.Ok(RuleReportView.Of(report, shops, estimated, stop is null ? null : stop with { Reason = access.EmergencyReason(stop.Reason) }));
    }

    private static DateOnly? Date(string text, string name, Dictionary<string, string[]> errors)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[name] = [$"'{text}' is not a date; write yyyy-MM-dd, for example 2026-11-01"];
        return null;
    }
}
