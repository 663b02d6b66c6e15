using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketpilot.Channels.Shared;

/// <summary>
/// A notification channel that sends one HTTP request per target: the record of what it delivered, the request with
/// its retries, and a log line per target with the outcome. Derived channels build the request, read the answer and
/// say which texts are secret (<see cref="Mask"/>).
/// </summary>
internal abstract partial class HttpChannel : INotificationChannel, IDisposable
{
    protected HttpChannel(
        string name, HttpRetryPolicy retry, DeliveredKeys delivered, TimeProvider time, ILogger? logger, Func<HttpReply, TimeSpan?>? delayHint = null)
    {
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(delivered);
        ArgumentNullException.ThrowIfNull(time);

        Name = name;
        Delivered = delivered;
        Logger = logger ?? NullLogger.Instance;
        Retry = retry;
        Http = new HttpDelivery(name, retry, time, Logger, text => Mask(text), delayHint, Judge);
    }

    public string Name { get; }

    protected DeliveredKeys Delivered { get; }

    protected ILogger Logger { get; }

    private HttpDelivery Http { get; }

    private HttpRetryPolicy Retry { get; }

    public abstract Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken);

    public void Dispose()
    {
        Http.Dispose();
        Delivered.Dispose();
    }

    /// <summary>Removes every secret from <paramref name="text"/> (a reason, a transport error, an answer's body).</summary>
    protected abstract string Mask(string text);

    /// <summary>Whether <paramref name="reply"/> shows the server acted on the request; by status unless the channel reads the body.</summary>
    protected virtual ReplyVerdict Judge(HttpReply reply) => ReplyVerdicts.ByStatus(reply);

    /// <summary>Sends the request <paramref name="createRequest"/> makes, turns the outcome into a result with <paramref name="classify"/>, and logs it.</summary>
    /// <param name="target">The target as logs may show it.</param>
    protected async Task<DeliveryResult> SendRequestAsync(
        Func<HttpRequestMessage> createRequest, string target, Func<HttpOutcome, DeliveryResult> classify, CancellationToken cancellationToken)
    {
        var outcome = await Http.SendAsync(createRequest, target, cancellationToken).ConfigureAwait(false);
        if (outcome.Unconfirmed && !Retry.ResendUnconfirmed)
        {
            // At most once: the message may be out, so it counts as handed over and is never sent again.
            var why = outcome.Failure ?? $"the answer {outcome.Reply?.Status} does not say whether it was taken";
            LogUnconfirmed(Logger, Name, target, why);
            return new DeliveryResult(DeliveryStatus.Delivered, $"sent to {target} but not confirmed ({why}); not sent again so it cannot arrive twice");
        }

        var result = classify(outcome);
        if (result.Status == DeliveryStatus.Delivered)
        {
            LogSent(Logger, Name, target, outcome.Attempts);
        }
        else
        {
            LogNotSent(Logger, Name, target, result.Status, result.Reason ?? "");
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Channel {Channel} delivered to {Target} ({Attempts} attempts)")]
    private static partial void LogSent(ILogger logger, string channel, string target, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel} sent to {Target} but got no confirmation ({Reason}); it is not sent again, so it may not have arrived")]
    private static partial void LogUnconfirmed(ILogger logger, string channel, string target, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Channel {Channel} did not deliver to {Target} ({Status}): {Reason}")]
    private static partial void LogNotSent(ILogger logger, string channel, string target, DeliveryStatus status, string reason);
}
