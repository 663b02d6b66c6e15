using Marketpilot.Sdk.Connectors;

namespace Marketpilot.TestPlugins.Throwing;

/// <summary>A channel that sends nothing; it must never reach the host's container.</summary>
public sealed class SilentChannel : INotificationChannel
{
    /// <inheritdoc />
    public string Name => "silent";

    /// <inheritdoc />
    public Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken) => Task.FromResult(DeliveryResult.Delivered);
}
