namespace Marketpilot.Sdk.Connectors;

/// <summary>What one channel did with one <see cref="Notification"/>.</summary>
/// <param name="Status">Delivered, skipped, rejected or failed.</param>
/// <param name="Reason">Why, when not delivered; for a delivery, anything the seller should know (sent but not confirmed). Shown in the action log.</param>
public sealed record DeliveryResult(DeliveryStatus Status, string? Reason = null)
{
    /// <summary>A delivered result.</summary>
    public static DeliveryResult Delivered { get; } = new(DeliveryStatus.Delivered);

    /// <summary>A result for a recipient the channel does not serve.</summary>
    /// <param name="reason">Why, for the action log.</param>
    /// <returns>The result.</returns>
    public static DeliveryResult Skipped(string reason) => new(DeliveryStatus.Skipped, reason);
}
