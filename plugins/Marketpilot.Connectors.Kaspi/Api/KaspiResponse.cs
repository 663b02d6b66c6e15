using System.Net;

namespace Marketpilot.Connectors.Kaspi.Api;

/// <summary>One attempt's answer, read in full while the rate-limit lease was held, so retries never leak a response.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The body as text.</param>
/// <param name="RetryAfter">The wait Kaspi asked for, if any.</param>
/// <param name="Redirect">What a redirect (which is not followed) pointed to, or <see langword="null"/>.</param>
internal sealed record KaspiResponse(HttpStatusCode Status, string Body, TimeSpan? RetryAfter, string? Redirect = null)
{
    public bool IsTransient => Status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)Status >= 500;
}
