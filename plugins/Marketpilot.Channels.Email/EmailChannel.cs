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

    public string Name => "email";

    public async Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);

        if (!options.Recipients.TryGetValue(notification.Recipient, out var addresses) || addresses.Count == 0)
        {
            return DeliveryResult.Skipped($"no email address is configured for {notification.Recipient}");
        }

        using var message = CreateMessage(notification, addresses);
        using var client = new SmtpClient { Timeout = options.TimeoutMilliseconds };
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
        catch (Exception ex) when (ex is IOException or SocketException or TimeoutException or ProtocolException or SslHandshakeException or ServiceNotConnectedException or NotSupportedException)
        {
            return new DeliveryResult(DeliveryStatus.RetryableFailure, $"could not send through {options.Host}:{options.EffectivePort}: {ex.Message}");
        }

        await QuitAsync(client).ConfigureAwait(false);
        return DeliveryResult.Delivered;
    }

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
}
