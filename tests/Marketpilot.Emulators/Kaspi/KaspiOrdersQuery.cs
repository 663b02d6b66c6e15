using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Marketpilot.Emulators.Kaspi;

/// <summary>
/// The query of <c>GET /v2/orders</c>, checked as Kaspi's merchant API guide documents it (marketplace-apis.md §3.2):
/// <c>page[number]</c> (from 0) and <c>page[size]</c> (1 to 100) required, <c>filter[orders][state]</c> required and
/// one of the six states, <c>filter[orders][creationDate][$ge]</c> required (epoch ms), <c>[$le]</c> defaulting to now,
/// a window of at most 14 days. Kaspi has no OpenAPI file, so the shape is written here by hand from the guide.
/// </summary>
public sealed record KaspiOrdersQuery(int Page, int Size, string State, DateTimeOffset From, DateTimeOffset To, string? Status)
{
    /// <summary>The values of <c>filter[orders][state]</c>.</summary>
    public static readonly IReadOnlyList<string> States = ["NEW", "SIGN_REQUIRED", "PICKUP", "DELIVERY", "KASPI_DELIVERY", "ARCHIVE"];

    /// <summary>The values of <c>filter[orders][status]</c>.</summary>
    public static readonly IReadOnlyList<string> Statuses =
        ["APPROVED_BY_BANK", "ACCEPTED_BY_MERCHANT", "COMPLETED", "CANCELLED", "CANCELLING", "RETURNED", "KASPI_DELIVERY_RETURN_REQUESTED", "RETURN_ACCEPTED_BY_MERCHANT"];

    /// <summary>Reads and checks the query; <paramref name="error"/> names the first bad parameter.</summary>
    public static KaspiOrdersQuery? TryParse(IQueryCollection query, DateTimeOffset now, out string? error)
    {
        error = null;
        if (!Int(query, "page[number]", 0, int.MaxValue, out var page, ref error)
            || !Int(query, "page[size]", 1, 100, out var size, ref error))
        {
            return null;
        }

        var state = query["filter[orders][state]"].ToString();
        if (!States.Contains(state, StringComparer.Ordinal))
        {
            error = $"filter[orders][state] is required and must be one of {string.Join(", ", States)}";
            return null;
        }

        var status = query["filter[orders][status]"].ToString();
        if (status.Length > 0 && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            error = $"filter[orders][status] '{status}' is not a status";
            return null;
        }

        var include = query["include[orders]"].ToString();
        if (include.Length > 0 && include.Split(',').Any(i => i is not ("entries" or "user")))
        {
            error = "include[orders] may only name entries and user";
            return null;
        }

        if (!Millis(query, "filter[orders][creationDate][$ge]", required: true, now, out var from, ref error)
            || !Millis(query, "filter[orders][creationDate][$le]", required: false, now, out var to, ref error))
        {
            return null;
        }

        if (to < from || to - from > TimeSpan.FromDays(14))
        {
            error = "the creationDate window must run forwards and span at most 14 days";
            return null;
        }

        return new KaspiOrdersQuery(page, size, state, from, to, status.Length > 0 ? status : null);
    }

    private static bool Int(IQueryCollection query, string name, int min, int max, out int value, ref string? error)
    {
        if (int.TryParse(query[name].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }

        error = $"{name} is required and must be an integer from {min} to {max}";
        return false;
    }

    private static bool Millis(IQueryCollection query, string name, bool required, DateTimeOffset now, out DateTimeOffset value, ref string? error)
    {
        var text = query[name].ToString();
        value = now;
        if (text.Length == 0 && !required)
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var millis))
        {
            value = DateTimeOffset.FromUnixTimeMilliseconds(millis);
            return true;
        }

        error = $"{name} {(required ? "is required and " : "")}must be epoch milliseconds";
        return false;
    }
}
