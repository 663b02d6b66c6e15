namespace Marketpilot.Sdk.Connectors;

/// <summary>What became of an action a connector was asked to apply.</summary>
public enum ActionResultStatus
{
    /// <summary>The marketplace made the change (now or earlier, under the same idempotency key).</summary>
    Applied,

    /// <summary>The marketplace refused it for good (unknown SKU, price out of range, ...); retrying will not help.</summary>
    Rejected,

    /// <summary>It failed for a reason that may pass (rate limit, outage); the host may retry it later.</summary>
    RetryableFailure,
}
