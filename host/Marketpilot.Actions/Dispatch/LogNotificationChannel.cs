using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Actions.Dispatch;

/// <summary>
/// A notification channel that writes each notification to the log at Debug, so Notify actions are delivered with no
/// plugin. One line per notification is per-action detail: the console shows it only when this category is set to
/// Debug; the action log keeps every message, and the host's own alerts log their own warnings.
/// </summary>
/// <param name="logger">The logger.</param>
public sealed partial class LogNotificationChannel(ILogger<LogNotificationChannel> logger) : INotificationChannel
{
    /// <inheritdoc/>
    public string Name => "log";

    /// <inheritdoc/>
    public Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        LogNotification(notification.Recipient, notification.Sku.ToString(), notification.Message);
        return Task.FromResult(DeliveryResult.Delivered);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Notification for {Recipient} about {Sku}: {Message}")]
    private partial void LogNotification(string recipient, string sku, string message);
}
