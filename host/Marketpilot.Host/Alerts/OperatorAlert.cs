using System.Threading.Channels;
using Marketpilot.Actions.Connectors;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Host.Alerts;

/// <summary>
/// Tells people, through every notification channel, what the host itself decided outside any rule: a shop's feed
/// refused, a rule stopped by its emergency thresholds. The one way the host alerts.
/// </summary>
public sealed partial class OperatorAlert(ConnectorDirectory directory, TimeProvider time, ILogger<OperatorAlert> logger)
{
    /// <summary>The default recipient of the host's alerts.</summary>
    public const string Operator = "operator";

    private const int Kept = 50;
    private const int Queued = 256;

    private readonly Lock _gate = new();
    private readonly LinkedList<SentAlert> _recent = new();

    // Alerts posted by callers that must not wait on a channel; OperatorAlertSender sends them.
    private readonly Channel<Notification> _posted = Channel.CreateBounded<Notification>(new BoundedChannelOptions(Queued) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>The last alerts this process sent, newest first (the console's overview shows them).</summary>
    public IReadOnlyList<SentAlert> Recent
    {
        get
        {
            lock (_gate)
            {
                return [.. _recent];
            }
        }
    }

    /// <summary>Sends <paramref name="message"/> to every channel; a channel that fails is logged and the others still get it.</summary>
    /// <param name="about">What the alert is about: a SKU key, or a shop's key with a placeholder SKU such as <c>feed</c>.</param>
    /// <param name="recipient">Who it is for (a role the channels map to people, such as <c>operator</c> or <c>manager</c>).</param>
    /// <param name="key">The alert's idempotency key: the same alert sent again is delivered once.</param>
    /// <param name="message">What happened.</param>
    /// <param name="cancellationToken">Stops sending.</param>
    /// <returns>A task that completes when every channel answered or failed.</returns>
    public async Task SendAsync(SkuKey about, string recipient, string key, string message, CancellationToken cancellationToken)
    {
        var notification = new Notification(key, about, recipient, message);
        lock (_gate)
        {
            _recent.AddFirst(new SentAlert(time.GetUtcNow(), about, recipient, message));
            if (_recent.Count > Kept)
            {
                _recent.RemoveLast();
            }
        }

        foreach (var channel in directory.Channels)
        {
            try
            {
                await directory.CallAsync(channel, token => channel.SendAsync(notification, token), cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogChannelFailed(ex, channel.Name, key);
            }
        }
    }

    /// <summary>
    /// Queues the alert and returns at once, for a caller that must not wait on the channels (an HTTP request: a
    /// marketplace fetching a feed); it is sent in the background as <see cref="SendAsync"/> sends.
    /// </summary>
    /// <param name="about">What the alert is about.</param>
    /// <param name="recipient">Who it is for.</param>
    /// <param name="key">The alert's idempotency key.</param>
    /// <param name="message">What happened.</param>
    public void Post(SkuKey about, string recipient, string key, string message)
    {
        if (!_posted.Writer.TryWrite(new Notification(key, about, recipient, message)))
        {
            LogDropped(key, Queued);
        }
    }

    /// <summary>Sends what <see cref="Post"/> queued until <paramref name="cancellationToken"/> is cancelled.</summary>
    internal async Task SendPostedAsync(CancellationToken cancellationToken)
    {
        await foreach (var posted in _posted.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await SendAsync(posted.Sku, posted.Recipient, posted.IdempotencyKey, posted.Message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>An alert the host sent.</summary>
    /// <param name="At">When.</param>
    /// <param name="About">What it was about.</param>
    /// <param name="Recipient">Who it was for.</param>
    /// <param name="Message">What it said.</param>
    public sealed record SentAlert(DateTimeOffset At, SkuKey About, string Recipient, string Message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert {AlertKey} was dropped: {Queued} alerts are already waiting for the channels")]
    private partial void LogDropped(string alertKey, int queued);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification channel {Channel} could not deliver alert {AlertKey}")]
    private partial void LogChannelFailed(Exception exception, string channel, string alertKey);
}
