using System.Text.Json.Serialization;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Actions.Dispatch;

/// <summary>What one notification channel did with one notification, as the action log keeps it.</summary>
/// <param name="Channel">The channel's name.</param>
/// <param name="Status">Delivered, skipped, rejected or a retryable failure (then the channel is tried again).</param>
/// <param name="Reason">Why, when not delivered.</param>
[GenerateSerializer]
[Alias("Marketpilot.Actions.ChannelDelivery")]
public sealed record ChannelDelivery(string Channel, DeliveryStatus Status, string? Reason = null)
{
    /// <summary>Whether this channel is done with the notification: anything but a retryable failure.</summary>
    [JsonIgnore]
    public bool Settled => Status != DeliveryStatus.RetryableFailure;
}
