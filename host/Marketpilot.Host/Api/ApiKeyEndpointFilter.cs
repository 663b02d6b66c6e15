using Marketpilot.Host.Hosting;

namespace Marketpilot.Host.Api;

/// <summary>
/// Admits a request by its <c>X-Api-Key</c> header (<see cref="ApiKeyGate"/>): 401 without an accepted key; 429 with
/// <c>Retry-After</c> when the client's address presented too many wrong keys; 403 when a scoped key calls an
/// admin-only route (<see cref="ApiKeyScope"/>) or a read-only key calls a route that changes something. An admitted
/// key is handed to the request's <see cref="ShopAccess"/>, which the routes ask about shops.
/// </summary>
public sealed class ApiKeyEndpointFilter(ApiKeyGate gate) : IEndpointFilter
{
    /// <inheritdoc />
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var check = gate.Check(http, http.Request.Headers[ApiOptions.KeyHeader].ToString());
        if (check.RetryAfter is not null)
        {
            return Refuse(StatusCodes.Status429TooManyRequests, "Too many wrong API keys", $"This address presented too many wrong API keys; try again in {check.RetryAfterSeconds} s.");
        }

        if (check.Grant is not { } grant)
        {
            return Refuse(StatusCodes.Status401Unauthorized, "Missing or invalid API key", $"Send a valid key in the {ApiOptions.KeyHeader} header.");
        }

        var scope = http.GetEndpoint()?.Metadata.GetMetadata<ApiKeyScopeMetadata>() ?? ApiKeyScopeMetadata.Undeclared;
        if (scope.Scope == ApiKeyScope.Admin && !grant.IsAdmin)
        {
            return Refuse(StatusCodes.Status403Forbidden, "This route needs an admin API key", "It concerns the whole host, not one shop; a key scoped to shops cannot call it.");
        }

        if (grant.ReadOnly && !IsRead(http.Request.Method))
        {
            return Refuse(StatusCodes.Status403Forbidden, "This API key is read-only", "A read-only key can only read; this route changes something.");
        }

        http.RequestServices.GetRequiredService<ShopAccess>().Admit(grant);
        return next(context);
    }

    private static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    private static ValueTask<object?> Refuse(int status, string title, string detail) =>
        ValueTask.FromResult<object?>(Results.Problem(statusCode: status, title: title, detail: detail));
}
