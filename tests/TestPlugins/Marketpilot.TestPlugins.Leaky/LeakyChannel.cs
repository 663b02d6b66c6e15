using Marketpilot.Sdk.Connectors;

namespace Marketpilot.TestPlugins.Leaky;

/// <summary>
/// A channel that quotes its secrets: a notification whose message is <c>throw</c> fails with its bot token in the
/// request URL, as an HTTP client's exception would; any other is refused with its hook in the reason.
/// </summary>
public sealed class LeakyChannel(LeakySettings settings) : INotificationChannel
{
    /// <inheritdoc />
    public string Name => "leaky";

    /// <inheritdoc />
    public Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken) =>
        notification.Message == "throw"
            ? throw new HttpRequestException($"401 (Unauthorized) from https://api.telegram.org/bot{settings.BotToken}/sendMessage ({settings.Greeting})")
            : Task.FromResult(new DeliveryResult(DeliveryStatus.RetryableFailure, $"{settings.Hook} answered 503 ({settings.Greeting})"));
}
