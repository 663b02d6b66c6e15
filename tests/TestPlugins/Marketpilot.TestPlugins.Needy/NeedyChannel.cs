using Marketpilot.Sdk.Connectors;

namespace Marketpilot.TestPlugins.Needy;

/// <summary>A channel that delivers nothing; it exists to be registered.</summary>
public sealed class NeedyChannel(string name) : INotificationChannel
{
    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken) =>
        Task.FromResult(DeliveryResult.Skipped("the needy test channel delivers nothing"));
}
