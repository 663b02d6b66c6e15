using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Channels.Shared;

/// <summary>Delivers a notification to each target (a chat, a number) its recipient role maps to, and sums up the results.</summary>
internal static class RoleDelivery
{
    /// <summary>What makes a notification undeliverable for good, before any request: a retry would send the same empty fields.</summary>
    public static string? Malformed(Notification notification) =>
        string.IsNullOrWhiteSpace(notification.IdempotencyKey) ? "the notification has no idempotency key"
        : string.IsNullOrWhiteSpace(notification.Recipient) ? "the notification has no recipient"
        : string.IsNullOrWhiteSpace(notification.Message) ? "the notification has no message"
        : null;

    /// <summary>
    /// Rejects a malformed notification, skips a role with no target, and otherwise sends to each target in turn.
    /// </summary>
    /// <param name="notification">The notification.</param>
    /// <param name="targets">The targets of each role.</param>
    /// <param name="targetKind">What a target is, for the reason of a skip (<c>Telegram chat</c>).</param>
    /// <param name="send">Sends to one target.</param>
    /// <param name="label">Names a target in a reason, without more than it may show.</param>
    public static async Task<DeliveryResult> SendToEachAsync(
        Notification notification,
        IReadOnlyDictionary<string, IReadOnlyList<string>> targets,
        string targetKind,
        Func<string, Task<DeliveryResult>> send,
        Func<string, string> label)
    {
        ArgumentNullException.ThrowIfNull(notification);

        if (Malformed(notification) is { } problem)
        {
            return new DeliveryResult(DeliveryStatus.Rejected, problem);
        }

        if (!targets.TryGetValue(notification.Recipient, out var list) || list.Count == 0)
        {
            return DeliveryResult.Skipped($"no {targetKind} is configured for {notification.Recipient}");
        }

        var results = new List<(string Target, DeliveryResult Result)>(list.Count);
        foreach (var target in list)
        {
            results.Add((label(target), await send(target).ConfigureAwait(false)));
        }

        return Combine(results);
    }

    // Delivered when every target was (with the notes of those sent unconfirmed); a retryable failure when any may still pass (the host sends again and the targets
    // already served are not sent twice); rejected otherwise.
    private static DeliveryResult Combine(List<(string Target, DeliveryResult Result)> results)
    {
        if (results.All(r => r.Result.Status == DeliveryStatus.Delivered))
        {
            // A delivery with a reason was sent but not confirmed: the host's record keeps saying so.
            var notes = results.Where(r => r.Result.Reason is not null).Select(r => r.Result.Reason);
            return notes.Any() ? new DeliveryResult(DeliveryStatus.Delivered, string.Join("; ", notes)) : DeliveryResult.Delivered;
        }

        var status = results.Any(r => r.Result.Status == DeliveryStatus.RetryableFailure) ? DeliveryStatus.RetryableFailure : DeliveryStatus.Rejected;
        var reasons = results.Where(r => r.Result.Status != DeliveryStatus.Delivered).Select(r => $"{r.Target}: {r.Result.Reason}");
        return new DeliveryResult(status, string.Join("; ", reasons));
    }
}
