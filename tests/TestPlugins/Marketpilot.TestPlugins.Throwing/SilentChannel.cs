using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.TestPlugins.Throwing;

/// <summary>A channel that sends nothing; it must never reach the host's container.</summary>
public sealed class SilentChannel : INotificationChannel
{
    /// <inheritdoc />
    public string Name => "silent";

    /// <inheritdoc />
    public Task SendAsync(SkuKey sku, Notify notification, CancellationToken cancellationToken) => Task.CompletedTask;
}
