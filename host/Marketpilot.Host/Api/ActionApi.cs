using System.Globalization;
using Marketpilot.Actions;

namespace Marketpilot.Host.Api;

/// <summary>The action log route.</summary>
public static class ActionApi
{
    /// <summary>Maps <c>GET /actions</c> on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapActionApi(this RouteGroupBuilder api)
    {
        api.MapGet("/actions", QueryAsync)
            .WithSummary("Read the action log, newest first")
            .WithDescription("A key scoped to shops sees only their actions. Filters: sku (SKU id), rule (rule id), status (proposed, applied, rejected, failed, dry-run, control), since (ISO 8601 time). Paging: offset (default 0), limit (1 to 1000, default 100).")
            .Produces<ActionPage>()
            .ProducesValidationProblem()
            .PerShop();
        return api;
    }

    private static async Task<IResult> QueryAsync(HttpRequest request, IActionLog log, ShopAccess access, CancellationToken cancellationToken)
    {
        var query = request.Query;
        var errors = new Dictionary<string, string[]>();
        ActionStatus? status = null;
        if (query["status"].ToString() is { Length: > 0 } statusText)
        {
            if (ActionStatusNames.TryParse(statusText, out var parsed))
            {
                status = parsed;
            }
            else
            {
                errors["status"] = [$"'{statusText}' is not one of: {string.Join(", ", ActionStatusNames.All)}"];
            }
        }

        DateTimeOffset? since = null;
        if (query["since"].ToString() is { Length: > 0 } sinceText)
        {
            if (IsoTime.TryParse(sinceText, out var parsed))
            {
                since = parsed;
            }
            else
            {
                errors["since"] = [IsoTime.Invalid(sinceText)];
            }
        }

        var offset = Int(query["offset"].ToString(), "offset", 0, 0, int.MaxValue, errors);
        var limit = Int(query["limit"].ToString(), "limit", 100, 1, 1000, errors);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "Invalid action log query");
        }

        var sku = query["sku"].ToString();
        var rule = query["rule"].ToString();
        var page = await ShopActionQuery.QueryAsync(
            log,
            new ActionQuery(sku.Length > 0 ? sku : null, rule.Length > 0 ? rule : null, status, since, offset, limit),
            access.Shops,
            cancellationToken);
        return Results.Ok(page);
    }

    private static int Int(string text, string name, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (text.Length == 0)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = [$"'{text}' is not a whole number from {min} to {max}"];
        return fallback;
    }
}
