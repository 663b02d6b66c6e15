namespace Marketpilot.Sdk.Connectors;

/// <summary>
/// Thrown by a connector when the marketplace refused the whole call for now and said how long to wait before the next
/// one (a <c>429 Too Many Requests</c> or <c>503</c> with <c>Retry-After</c>, or the marketplace's own header).
/// </summary>
/// <remarks>
/// <para>
/// Sit out within the call only the waits that are well under the host's plugin-call deadline
/// (<c>Marketpilot:Plugins:Runtime:CallTimeoutMilliseconds</c>, 30 s by default): a call that runs past it is abandoned
/// and counted as a failure against the circuit breaker, which stops the shop's calls for a while. Throw this instead
/// for a longer wait.
/// </para>
/// <para>
/// The host does not count it as a failure of the plugin or the shop (the breaker stays closed), and waits at least
/// <see cref="RetryAfter"/> (at most a day) before it calls again for the same purpose: the sync loop before its next pull of the shop,
/// the outbox before the batch's actions are tried again (they stay pending; the attempt is counted). The message is
/// logged and shown as the reason, with secrets masked; do not put credentials in it.
/// </para>
/// </remarks>
public sealed class MarketplaceRateLimitedException : Exception
{
    /// <summary>Creates the exception with no wait asked for (<see cref="RetryAfter"/> is zero).</summary>
    public MarketplaceRateLimitedException()
    {
    }

    /// <summary>Creates the exception with a message and no wait asked for (<see cref="RetryAfter"/> is zero).</summary>
    /// <param name="message">What the marketplace refused and said.</param>
    public MarketplaceRateLimitedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and what caused it, and no wait asked for (<see cref="RetryAfter"/> is zero).</summary>
    /// <param name="message">What the marketplace refused and said.</param>
    /// <param name="innerException">What the connector caught.</param>
    public MarketplaceRateLimitedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with the wait the marketplace asked for.</summary>
    /// <param name="message">What the marketplace refused and said.</param>
    /// <param name="retryAfter">How long the marketplace asked to wait; a negative wait is taken as none.</param>
    /// <param name="innerException">What the connector caught, if anything.</param>
    public MarketplaceRateLimitedException(string message, TimeSpan retryAfter, Exception? innerException = null)
        : base(message, innerException)
    {
        RetryAfter = retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter;
    }

    /// <summary>How long the marketplace asked to wait before the next call, from when the exception was thrown; never negative.</summary>
    public TimeSpan RetryAfter { get; }
}
