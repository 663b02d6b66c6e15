namespace Marketpilot.Connectors.Shared;

/// <summary>The HTTP client a connector talks to its marketplace with, and how to read its transport failures.</summary>
internal static class MarketplaceHttp
{
    /// <summary>
    /// A client that never follows a redirect (its handler's, when <paramref name="handler"/> is <see langword="null"/>) and
    /// refuses an answer longer than <paramref name="maxResponseBytes"/> instead of reading it into memory.
    /// </summary>
    /// <param name="handler">The handler, for tests; a fresh one that does not follow redirects otherwise.</param>
    /// <param name="maxResponseBytes">The longest answer the marketplace documents, with room to spare.</param>
    /// <param name="baseAddress">The API's base URL, if requests use relative ones.</param>
    public static HttpClient CreateClient(HttpMessageHandler? handler, long maxResponseBytes, Uri? baseAddress = null) =>
        new(handler ?? CreateHandler(), disposeHandler: handler is null)
        {
            BaseAddress = baseAddress,
            // Each attempt has its own timeout in the connector's retry pipeline; the whole call ends at the host's deadline.
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = maxResponseBytes,
        };

    /// <summary>
    /// The handler of <see cref="CreateClient"/>. A redirect is answered to the connector, not followed: .NET would resend
    /// the request with every header but <c>Authorization</c> (an <c>Api-Key</c>, an <c>X-Auth-Token</c>) to whatever host
    /// the answer names.
    /// </summary>
    public static SocketsHttpHandler CreateHandler() => new() { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    /// <summary>Whether the failure is an answer longer than the client's limit: the same answer again would be too, so it is not retried.</summary>
    /// <param name="exception">What the send threw.</param>
    public static bool IsTooLarge(HttpRequestException exception) => exception.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded;

    /// <summary>Whether a send that threw <paramref name="exception"/> may pass when sent again.</summary>
    /// <param name="exception">What the send threw.</param>
    public static bool IsTransient(HttpRequestException exception) => !IsTooLarge(exception);

    /// <summary>What went wrong, for a message: the size limit in words, or the exception's own text.</summary>
    /// <param name="exception">What the send threw.</param>
    /// <param name="maxResponseBytes">The client's limit.</param>
    public static string Describe(HttpRequestException exception, long maxResponseBytes) =>
        IsTooLarge(exception) ? $"the answer is larger than the {maxResponseBytes / (1024 * 1024)} MB any answer of this API may have; nothing was read from it" : exception.Message;

    /// <summary>Says what a redirect was, for a message: where it pointed, and that it is not followed.</summary>
    /// <param name="response">The answer.</param>
    /// <returns>The text, or <see langword="null"/> when the answer is no redirect.</returns>
    public static string? DescribeRedirect(HttpResponseMessage response) =>
        (int)response.StatusCode is >= 300 and < 400
            ? $"a redirect to {Where(response.Headers.Location)}, which the connector does not follow: the shop's credentials go to the configured base URL only"
            : null;

    // Without the query, which may carry a token; a relative Location has no left part to take.
    private static string Where(Uri? location) => location switch
    {
        null => "nowhere",
        { IsAbsoluteUri: true } => location.GetLeftPart(UriPartial.Path),
        _ => location.OriginalString.Split('?', '#')[0],
    };
}
