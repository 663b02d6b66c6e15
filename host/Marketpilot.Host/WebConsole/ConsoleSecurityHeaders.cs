namespace Marketpilot.Host.WebConsole;

/// <summary>
/// The headers every answer under <c>/console</c> carries, errors included: no page of another site may frame the console
/// (its buttons undo actions and stop automation), nothing is sniffed into another type, only the console's own scripts
/// run (a page shows text that sellers and marketplaces control; should one ever be written unencoded, it still cannot
/// run), and no page that shows a shop's data is kept in a cache.
/// </summary>
public static class ConsoleSecurityHeaders
{
    /// <summary>The content security policy: the console's own scripts, styles and forms, no frame around it.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly PathString Console = new("/console");

    /// <summary>Adds the headers to the console's answers, set as the answer starts so an error page gets them too.</summary>
    public static IApplicationBuilder UseConsoleSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Console))
            {
                context.Response.OnStarting(() =>
                {
                    Add(context.Response);
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });

    private static void Add(HttpResponse response)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "same-origin";
        // The console's scripts and styles are versioned files and may be cached; everything else is a page about a shop.
        var type = response.ContentType ?? "";
        if (!type.StartsWith("text/javascript", StringComparison.Ordinal) && !type.StartsWith("text/css", StringComparison.Ordinal))
        {
            headers.CacheControl = "no-store";
        }
    }
}
