using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Marketpilot.Host.Hosting;

/// <summary>
/// Gives routes the ids a client encoded, <c>/</c> included. Kestrel decodes a request's path except <c>%2F</c>, so a
/// marketplace id with a slash (an Ozon offer id <c>AB/12</c>, sent as <c>AB%2F12</c>) would reach a route as the text
/// <c>AB%2F12</c> and never be found, and <c>AB%252F12</c> would look the same. A parameter that is a whole path segment
/// and holds a <c>%</c> is therefore read again from the request's raw target, decoded once.
/// </summary>
public static class EncodedRouteValues
{
    /// <summary>Adds the step after routing, before any endpoint binds its parameters.</summary>
    /// <param name="app">The application.</param>
    /// <returns><paramref name="app"/>.</returns>
    public static WebApplication UseEncodedRouteValues(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            Restore(context);
            return next(context);
        });
        return app;
    }

    /// <summary>Replaces each whole-segment route value holding a <c>%</c> with its raw segment, decoded.</summary>
    /// <param name="context">The request, routed.</param>
    internal static void Restore(HttpContext context)
    {
        var values = context.Request.RouteValues;
        if (!values.Values.Any(v => v is string s && s.Contains('%', StringComparison.Ordinal))
            || context.GetEndpoint() is not RouteEndpoint endpoint
            || context.Features.Get<IHttpRequestFeature>()?.RawTarget is not { } target
            || !target.StartsWith('/'))
        {
            return;
        }

        var query = target.IndexOf('?', StringComparison.Ordinal);
        var rawSegments = (query < 0 ? target : target[..query]).Split('/');
        var pattern = endpoint.RoutePattern.PathSegments;
        var offset = context.Request.PathBase.Value is { Length: > 0 } pathBase ? pathBase.Split('/').Length : 1; // the leading slash
        if (rawSegments.Length < offset + pattern.Count)
        {
            return;
        }

        for (var i = 0; i < pattern.Count; i++)
        {
            if (pattern[i].IsSimple && pattern[i].Parts[0] is RoutePatternParameterPart { IsCatchAll: false } parameter
                && values.TryGetValue(parameter.Name, out var value) && value is string text && text.Contains('%', StringComparison.Ordinal))
            {
                values[parameter.Name] = Uri.UnescapeDataString(rawSegments[offset + i]);
            }
        }
    }
}
