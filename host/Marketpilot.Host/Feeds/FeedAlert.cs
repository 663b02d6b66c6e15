using Marketpilot.Actions.Connectors;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Host.Feeds;

/// <summary>Tells the operator, through every notification channel, that a shop's feed was refused.</summary>
public sealed partial class FeedAlert(ConnectorDirectory directory, ILogger<FeedAlert> logger)
{
    /// <summary>The recipient feed alerts are addressed to.</summary>
    public const string Recipient = "operator";

    /// <summary>Sends <paramref name="message"/> to every channel; a channel that fails is logged and the others still get it.</summary>
    /// <param name="marketplace">The shop's marketplace.</param>
    /// <param name="shopId">The shop.</param>
    /// <param name="key">The alert's idempotency key.</param>
    /// <param name="message">What happened.</param>
    /// <param name="cancellationToken">Stops sending.</param>
    /// <returns>A task that completes when every channel answered or failed.</returns>
    public async Task SendAsync(string marketplace, string shopId, string key, string message, CancellationToken cancellationToken)
    {
        var notification = new Notification(key, new SkuKey(marketplace, shopId, "feed"), Recipient, message);
        foreach (var channel in directory.Channels)
        {
            try
            {
                await directory.CallAsync(channel, token => channel.SendAsync(notification, token), cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogChannelFailed(ex, channel.Name, $"{marketplace}/{shopId}");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification channel {Channel} could not deliver the feed alert of shop {Shop}")]
    private partial void LogChannelFailed(Exception exception, string channel, string shop);
}
