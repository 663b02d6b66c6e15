using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketpilot.Host.Api;

/// <summary>
/// Answers a request the server refused while a route read it (<see cref="BadHttpRequestException"/>: a body over
/// Kestrel's <c>MaxRequestBodySize</c>, one that ends early or arrives too slowly) with the exception's own status code as
/// a problem, not a 500, and logs it as the client's doing rather than as the host's error: a 413 at Warning (an
/// integration sending more than the host takes needs someone to look), the others at Information.
/// </summary>
/// <param name="logger">The log.</param>
public sealed partial class BadHttpRequestExceptionHandler(ILogger<BadHttpRequestExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc/>
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        // A client that hung up mid-body never gets here: the middleware logs an aborted request at Debug and answers 499.
        var path = httpContext.Request.Path.Value;
        string title, detail;
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            title = "Request body too large";
            detail = limit is { } bytes
                ? $"The request body is larger than {bytes} bytes, the most this host accepts; send fewer items per request."
                : bad.Message;
            BodyTooLarge(logger, httpContext.Request.Method, path, limit);
        }
        else
        {
            title = ReasonPhrases.GetReasonPhrase(bad.StatusCode);
            detail = bad.Message;
            Refused(logger, httpContext.Request.Method, path, bad.StatusCode, bad.Message);
        }

        await Results.Problem(statusCode: bad.StatusCode, title: title, detail: detail).ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path} with 413: its body is over the limit of {Limit} bytes")]
    private static partial void BodyTooLarge(ILogger logger, string method, string? path, long? limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path} with {StatusCode}: {Reason}")]
    private static partial void Refused(ILogger logger, string method, string? path, int statusCode, string reason);
}
