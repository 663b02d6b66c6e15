namespace Marketpilot.Channels.Shared;

/// <summary>The answer to one attempt, read in full (up to <see cref="HttpDelivery.MaxBodyLength"/> characters) so retries can be decided on its body.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="ReasonPhrase">The status line's reason phrase.</param>
/// <param name="Body">The body as text; empty when there was none.</param>
/// <param name="RetryAfter">The wait the server asked for (<c>Retry-After</c>, or what the channel reads from the body).</param>
internal sealed record HttpReply(int StatusCode, string? ReasonPhrase, string Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => StatusCode is >= 200 and <= 299;

    /// <summary>5xx, 408 and 429: the same request may pass later.</summary>
    public bool IsTransient => StatusCode >= 500 || StatusCode is 408 or 429;

    public string Status => $"{StatusCode} {ReasonPhrase}".TrimEnd();
}
