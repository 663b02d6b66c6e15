using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace Marketpilot.Channels.Email;

/// <summary>Mails each notification to the addresses configured for its recipient role.</summary>
/// <remarks>
/// One SMTP session per notification: notifications are rare, and a fresh connection never trips over a
/// server that dropped an idle one. Permanent SMTP answers (5xx) reject the notification; everything that
/// may pass (4xx, no connection, timeouts) is a retryable failure the host sends again later.
/// </remarks>
internal sealed partial class EmailChannel(EmailOptions options, TimeProvider time, ILogger<EmailChannel>? logger) : INotificationChannel
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;
    private readonly MailboxAddress _from = MailboxAddress.Parse(options.From);
    private readonly HashSet<string> _pinnedThumbprints = options.TrustedCertificateThumbprints.Select(EmailOptions.NormalizeThumbprint).ToHashSet(StringComparer.Ordinal);

    public string Name => "email";

    public async Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);

        if (Malformed(notification) is { } problem)
        {
            return new DeliveryResult(DeliveryStatus.Rejected, problem);
        }

        if (!options.Recipients.TryGetValue(notification.Recipient, out var addresses) || addresses.Count == 0)
        {
            return DeliveryResult.Skipped($"no email address is configured for {notification.Recipient}");
        }

        using var message = CreateMessage(notification, addresses);
        var certificate = new ServerCertificateCheck(options.Host, _pinnedThumbprints);
        using var client = new SmtpClient { Timeout = options.TimeoutMilliseconds, ServerCertificateValidationCallback = certificate.Validate };
        try
        {
            await client.ConnectAsync(options.Host, options.EffectivePort, SocketOptions(options.Security), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(options.Username))
            {
                await client.AuthenticateAsync(options.Username, options.Password ?? "", cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            return new DeliveryResult(DeliveryStatus.Rejected, $"the SMTP server answered {(int)ex.StatusCode}: {ex.Message}");
        }
        catch (SmtpCommandException ex)
        {
            return new DeliveryResult(DeliveryStatus.RetryableFailure, $"the SMTP server answered {(int)ex.StatusCode}: {ex.Message}");
        }
        catch (AuthenticationException ex)
        {
            // Wrong credentials do not fix themselves; the message names no secret.
            return new DeliveryResult(DeliveryStatus.Rejected, $"the SMTP server refused the credentials of {options.Username}: {ex.Message}");
        }
        catch (SslHandshakeException ex)
        {
            // Retryable: the host keeps the notification, and it goes out once the server's certificate or the
            // pinned thumbprints are fixed. Nothing, credentials included, was sent before the handshake.
            var reason = certificate.Problem ?? ex.Message;
            LogTlsFailed(_logger, options.Host, options.EffectivePort, reason);
            return new DeliveryResult(DeliveryStatus.RetryableFailure, $"the TLS handshake with {options.Host}:{options.EffectivePort} failed: {reason}");
        }
        catch (NotSupportedException) when (options.Security == EmailSecurity.StartTls && !client.IsSecure)
        {
            LogStartTlsMissing(_logger, options.Host, options.EffectivePort);
            return new DeliveryResult(
                DeliveryStatus.RetryableFailure,
                $"{options.Host}:{options.EffectivePort} does not offer STARTTLS and Security is StartTls, so nothing was sent in clear text (use Tls for a server that speaks TLS from the first byte, usually port 465)");
        }
        catch (Exception ex) when (ex is IOException or SocketException or TimeoutException or ProtocolException or ServiceNotConnectedException or NotSupportedException)
        {
            return new DeliveryResult(DeliveryStatus.RetryableFailure, $"could not send through {options.Host}:{options.EffectivePort}: {ex.Message}");
        }

        LogSent(_logger, notification.IdempotencyKey, options.Host, options.EffectivePort, client.IsSecure ? client.SslProtocol.ToString() : "no TLS");
        await QuitAsync(client).ConfigureAwait(false);
        return DeliveryResult.Delivered;
    }

    // Refused for good: a retry would send the same empty fields again.
    private static string? Malformed(Notification notification) =>
        string.IsNullOrWhiteSpace(notification.IdempotencyKey) ? "the notification has no idempotency key"
        : string.IsNullOrWhiteSpace(notification.Recipient) ? "the notification has no recipient"
        : string.IsNullOrWhiteSpace(notification.Message) ? "the notification has no message"
        : null;

    // The server has taken the message; a failed QUIT must not turn that into a failure and a duplicate.
    private async Task QuitAsync(SmtpClient client)
    {
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or TimeoutException or ProtocolException or SmtpCommandException)
        {
            LogQuitFailed(_logger, options.Host, ex.Message);
        }
    }

    private MimeMessage CreateMessage(Notification notification, IReadOnlyList<string> addresses)
    {
        var message = new MimeMessage
        {
            Subject = Subject(notification),
            Date = time.GetUtcNow(),
            // Derived from the idempotency key, so a notification sent twice carries the same Message-Id.
            MessageId = $"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(notification.IdempotencyKey)))[..32]}@marketpilot",
            Body = new TextPart("plain") { Text = Body(notification) },
        };
        message.From.Add(_from);
        message.To.AddRange(addresses.Select(MailboxAddress.Parse));
        message.Headers.Add("X-Marketpilot-Notification", notification.IdempotencyKey);
        return message;
    }

    internal static string Subject(Notification notification)
    {
        var firstLine = notification.Message.Split('\n', 2)[0].Trim();
        if (firstLine.Length > 80)
        {
            firstLine = string.Concat(firstLine.AsSpan(0, 77), "...");
        }

        return $"[Marketpilot] {notification.Sku.Sku}: {firstLine}";
    }

    private static string Body(Notification notification)
    {
        var body = new StringBuilder()
            .AppendLine(notification.Message)
            .AppendLine()
            .AppendLine($"SKU: {notification.Sku}");
        if (notification.RuleId is not null)
        {
            body.AppendLine($"Rule: {notification.RuleId}");
        }

        return body.AppendLine($"Notification: {notification.IdempotencyKey}").ToString();
    }

    private static SecureSocketOptions SocketOptions(EmailSecurity security) => security switch
    {
        EmailSecurity.Tls => SecureSocketOptions.SslOnConnect,
        EmailSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "The SMTP server {Host} took the message but closing the session failed: {Reason}")]
    private static partial void LogQuitFailed(ILogger logger, string host, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sent notification {Notification} through {Host}:{Port} ({Tls})")]
    private static partial void LogSent(ILogger logger, string notification, string host, int port, string tls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS with the SMTP server {Host}:{Port} failed; nothing was sent: {Reason}")]
    private static partial void LogTlsFailed(ILogger logger, string host, int port, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SMTP server {Host}:{Port} does not offer STARTTLS; nothing was sent because Security is StartTls")]
    private static partial void LogStartTlsMissing(ILogger logger, string host, int port);
}
