using Marketpilot.Host.Hosting;

namespace Marketpilot.Host.Api;

/// <summary>Lets a request through only when its <c>X-Api-Key</c> header holds an accepted key; otherwise answers 401.</summary>
public sealed class ApiKeyEndpointFilter(ApiKeyStore keys) : IEndpointFilter
{
    /// <inheritdoc />
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = context.HttpContext.Request.Headers[ApiOptions.KeyHeader].ToString();
        if (!keys.IsValid(presented))
        {
            return ValueTask.FromResult<object?>(Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Missing or invalid API key",
                detail: $"Send a valid key in the {ApiOptions.KeyHeader} header."));
        }

        return next(context);
    }
}
