namespace Marketpilot.Channels.Shared;

/// <summary>How <see cref="HttpDelivery"/> retries one request; each value comes from the plugin's options, checked there.</summary>
/// <param name="TimeoutMilliseconds">How long one attempt may take.</param>
/// <param name="MaxRetries">Retries after the first attempt.</param>
/// <param name="RetryDelayMilliseconds">The first backoff delay; it doubles (with jitter) on each retry. A delay the server asks for wins.</param>
/// <param name="DeadlineMilliseconds">How long the whole call (every attempt and wait) may take; below the host's plugin call timeout.</param>
/// <param name="MaxRetryAfterSeconds">The longest wait the server may ask for; a longer one ends the call as a retryable failure at once.</param>
/// <param name="ResendUnconfirmed">
/// Whether a request the server may have acted on without saying so (no answer, an unclear one) is sent again: a repeat
/// over a loss. When <see langword="false"/>, such a request is never sent again: at most once.
/// </param>
internal sealed record HttpRetryPolicy(
    int TimeoutMilliseconds, int MaxRetries, int RetryDelayMilliseconds, int DeadlineMilliseconds, int MaxRetryAfterSeconds, bool ResendUnconfirmed = false)
{
    public TimeSpan MaxRetryAfter => TimeSpan.FromSeconds(MaxRetryAfterSeconds);
}
