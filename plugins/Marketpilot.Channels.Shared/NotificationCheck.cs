using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Channels.Shared;

/// <summary>What makes a notification undeliverable for good, before any request: a retry would send the same empty fields.</summary>
internal static class NotificationCheck
{
    public static string? Malformed(Notification notification) =>
        string.IsNullOrWhiteSpace(notification.IdempotencyKey) ? "the notification has no idempotency key"
        : string.IsNullOrWhiteSpace(notification.Recipient) ? "the notification has no recipient"
        : string.IsNullOrWhiteSpace(notification.Message) ? "the notification has no message"
        : null;

    /// <summary>
    /// One result for deliveries to several targets: delivered when every one was; a retryable failure when any may
    /// still pass (the host sends again and the targets already served are not sent twice); rejected otherwise.
    /// </summary>
    public static DeliveryResult Combine(IReadOnlyList<(string Target, DeliveryResult Result)> results)
    {
        if (results.All(r => r.Result.Status == DeliveryStatus.Delivered))
        {
            return DeliveryResult.Delivered;
        }

        var status = results.Any(r => r.Result.Status == DeliveryStatus.RetryableFailure) ? DeliveryStatus.RetryableFailure : DeliveryStatus.Rejected;
        var reasons = results.Where(r => r.Result.Status != DeliveryStatus.Delivered).Select(r => $"{r.Target}: {r.Result.Reason}");
        return new DeliveryResult(status, string.Join("; ", reasons));
    }
}
