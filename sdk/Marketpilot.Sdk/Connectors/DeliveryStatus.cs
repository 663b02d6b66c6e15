namespace Marketpilot.Sdk.Connectors;

/// <summary>What became of a notification handed to one channel.</summary>
public enum DeliveryStatus
{
    /// <summary>The channel handed the message over (sent the mail, got a 2xx from the webhook, ...).</summary>
    Delivered,

    /// <summary>The channel does not serve this recipient; another channel may.</summary>
    Skipped,

    /// <summary>The channel refused it for good (bad address, message too large); retrying will not help.</summary>
    Rejected,

    /// <summary>Delivery failed for a reason that may pass (server down, rate limit); the host may retry later.</summary>
    RetryableFailure,
}
