using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Sdk.Connectors;

/// <summary>Delivers the notifications rules propose (<see cref="Notify"/>) to people.</summary>
/// <remarks>
/// A plugin registers a channel as <see cref="INotificationChannel"/>; the host hands every
/// notification to every registered channel. Failure rule: let exceptions propagate; the host logs
/// them with the channel's name, marks the notification failed, and goes on.
/// </remarks>
public interface INotificationChannel
{
    /// <summary>The channel's name for logs and the action log, for example <c>webhook</c>.</summary>
    string Name { get; }

    /// <summary>Delivers one notification.</summary>
    /// <param name="sku">The SKU the notification is about.</param>
    /// <param name="notification">The recipient and the text.</param>
    /// <param name="cancellationToken">Cancelled when the host stops or the call times out.</param>
    /// <returns>A task that completes when the notification was handed over.</returns>
    Task SendAsync(SkuKey sku, Notify notification, CancellationToken cancellationToken);
}
