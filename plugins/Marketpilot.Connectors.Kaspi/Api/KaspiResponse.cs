using System.Net;

namespace Marketpilot.Connectors.Kaspi.Api;

/// <summary>One attempt's answer, read in full while the rate-limit lease was held, so retries never leak a response.</summary>
internal sealed record KaspiResponse(HttpStatusCode Status, string Body, TimeSpan? RetryAfter)
{
    public bool IsTransient => Status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)Status >= 500;
}
