using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Channels.Testing;

/// <summary>What the host's outbox does with a notification a channel could not deliver yet: send it again, with the same key.</summary>
/// <remarks>Shared with the sms channel's tests (linked source).</remarks>
public static class HostRetries
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task DeliverAllAsync(INotificationChannel channel, IReadOnlyList<Notification> notifications, int rounds = 10)
    {
        var pending = notifications.ToList();
        for (var round = 0; round < rounds && pending.Count > 0; round++)
        {
            var failed = new List<Notification>();
            foreach (var notification in pending)
            {
                var result = await channel.SendAsync(notification, CancellationToken.None).WaitAsync(Deadline);
                Assert.True(result.Status is DeliveryStatus.Delivered or DeliveryStatus.RetryableFailure, $"{result.Status}: {result.Reason}");
                if (result.Status != DeliveryStatus.Delivered)
                {
                    failed.Add(notification);
                }
            }

            pending = failed;
        }

        Assert.Empty(pending);
    }
}
