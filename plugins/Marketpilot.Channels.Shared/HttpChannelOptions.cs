namespace Marketpilot.Channels.Shared;

/// <summary>How an HTTP channel bounds and retries its requests; the settings the <c>telegram</c> and <c>sms</c> channels share.</summary>
public abstract class HttpChannelOptions
{
    /// <summary>How long one attempt may take.</summary>
    /// <value>The default is 10000 ms.</value>
    public int TimeoutMilliseconds { get; set; } = 10_000;

    /// <summary>Retries after the first attempt of what the server refused for now (408, 429, 503, …) and of connections never made; see <see cref="ResendUnconfirmed"/> for the rest.</summary>
    /// <value>The default is 3.</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first backoff delay; it doubles (with jitter) on each retry. The wait the server asks for wins.</summary>
    /// <value>The default is 1000 ms.</value>
    public int RetryDelayMilliseconds { get; set; } = 1_000;

    /// <summary>How long one notification may take, every attempt and wait included; keep it below the host's plugin call timeout.</summary>
    /// <value>The default is 25000 ms (the host's default call timeout is 30000 ms).</value>
    public int DeadlineMilliseconds { get; set; } = 25_000;

    /// <summary>The longest wait the server may ask for (<c>Retry-After</c>, Telegram's <c>retry_after</c>) within one call; a longer one is a retryable failure the host retries later.</summary>
    /// <value>The default is 30 s.</value>
    public int MaxRetryAfterSeconds { get; set; } = 30;

    /// <summary>
    /// Whether a message the server may have taken without confirming it (no answer in time, a connection lost after
    /// sending, an answer that says neither yes nor no) is sent again. <see langword="false"/>: never, so a message
    /// arrives at most once, and in that rare case may not arrive at all. <see langword="true"/>: sent again, so it
    /// arrives at least once, and in that rare case may arrive twice.
    /// </summary>
    /// <value>The default is <see langword="false"/>: a repeated price or stock alert costs a seller's trust more than a rare missing one.</value>
    public bool ResendUnconfirmed { get; set; }

    internal HttpRetryPolicy Retry => new(TimeoutMilliseconds, MaxRetries, RetryDelayMilliseconds, DeadlineMilliseconds, MaxRetryAfterSeconds, ResendUnconfirmed);

    internal void ReadRetry(ChannelSettings settings)
    {
        TimeoutMilliseconds = settings.Int(nameof(TimeoutMilliseconds), TimeoutMilliseconds);
        MaxRetries = settings.Int(nameof(MaxRetries), MaxRetries);
        RetryDelayMilliseconds = settings.Int(nameof(RetryDelayMilliseconds), RetryDelayMilliseconds);
        DeadlineMilliseconds = settings.Int(nameof(DeadlineMilliseconds), DeadlineMilliseconds);
        MaxRetryAfterSeconds = settings.Int(nameof(MaxRetryAfterSeconds), MaxRetryAfterSeconds);
        ResendUnconfirmed = settings.Bool(nameof(ResendUnconfirmed), ResendUnconfirmed);
    }

    internal void CheckRetry(ChannelSettings settings)
    {
        settings.Check(TimeoutMilliseconds is >= 1 and <= 600_000, nameof(TimeoutMilliseconds), "must be from 1 to 600000");
        settings.Check(MaxRetries is >= 0 and <= 10, nameof(MaxRetries), "must be from 0 to 10");
        settings.Check(RetryDelayMilliseconds is >= 0 and <= 60_000, nameof(RetryDelayMilliseconds), "must be from 0 to 60000");
        settings.Check(DeadlineMilliseconds is >= 1 and <= 600_000, nameof(DeadlineMilliseconds), "must be from 1 to 600000");
        settings.Check(DeadlineMilliseconds >= TimeoutMilliseconds, nameof(DeadlineMilliseconds), "must not be below TimeoutMilliseconds");
        settings.Check(MaxRetryAfterSeconds is >= 0 and <= 3_600, nameof(MaxRetryAfterSeconds), "must be from 0 to 3600");
    }
}
