using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Actions.Dispatch;

/// <summary>A notification channel that writes each notification to the log, so Notify actions are visible with no plugin.</summary>
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification for {Recipient} about {Sku}: {Message}")]
    private partial void LogNotification(string recipient, string sku, string message);
}
