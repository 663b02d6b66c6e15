using Marketpilot.Sdk.Actions;

namespace Marketpilot.Sdk.Connectors;

/// <summary>Delivers the notifications rules propose (<see cref="Notify"/>) to people.</summary>
/// <remarks>
/// A plugin registers a channel as <see cref="INotificationChannel"/>; the host hands every
/// notification to every registered channel, and the action is applied when at least one delivers it.
/// Report what happened in the returned <see cref="DeliveryResult"/>; the host also catches whatever a
/// channel throws, logs it with the channel's name, counts it as a retryable failure and goes on. Honour
/// the <see cref="CancellationToken"/>: the host cancels calls that run past their timeout.
/// </remarks>
public interface INotificationChannel
{
    /// <summary>The channel's name for logs and the action log, for example <c>webhook</c>.</summary>
    string Name { get; }

    /// <summary>Delivers one notification.</summary>
    /// <param name="notification">The recipient, the text, and the SKU and rule it is about.</param>
    /// <param name="cancellationToken">Cancelled when the host stops or the call times out.</param>
    /// <returns>What the channel did with it.</returns>
    Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken);
}
