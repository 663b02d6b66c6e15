using Marketpilot.Channels.Email.Tests.Support;
using Marketpilot.Sdk.Connectors;
using MimeKit;

namespace Marketpilot.Channels.Email.Tests;

public sealed class EmailChannelTests
{
    private static Task<DeliveryResult> SendAsync(EmailOptions options, Notification notification) =>
        new EmailChannel(options, TimeProvider.System, null).SendAsync(notification, CancellationToken.None).WaitAsync(Some.Deadline);

    private static MimeMessage Parse(ReceivedMail mail) => MimeMessage.Load(new MemoryStream(mail.Data));

    [Fact]
    public async Task TheMessageArrivesWithTheRightFromToSubjectAndBody()
    {
        await using var server = new SmtpTestServer();
        var notification = Some.Notification(key: "action-42");

        var result = await SendAsync(Some.Options(server.Port), notification);

        Assert.Equal(DeliveryResult.Delivered, result);
        var mail = Assert.Single(server.Messages);
        Assert.Equal("robot@shop.example", mail.MailFrom);
        Assert.Equal(["buyer@shop.example", "buyer2@shop.example"], mail.RcptTo);
        var message = Parse(mail);
        var from = Assert.Single(message.From.Mailboxes);
        Assert.Equal(("Marketpilot", "robot@shop.example"), (from.Name, from.Address));
        Assert.Equal(["buyer@shop.example", "buyer2@shop.example"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("[Marketpilot] A-1: Stock of A-1 lasts 3 days: reorder.", message.Subject);
        Assert.StartsWith(notification.Message, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("SKU: ozon/shop-1/A-1", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Rule: stock-guard", message.TextBody, StringComparison.Ordinal);
        Assert.Equal("action-42", message.Headers["X-Marketpilot-Notification"]);
    }

    [Fact]
    public async Task TheSameNotificationSentTwiceCarriesTheSameMessageId()
    {
        await using var server = new SmtpTestServer();
        var options = Some.Options(server.Port);

        await SendAsync(options, Some.Notification(key: "action-1"));
        await SendAsync(options, Some.Notification(key: "action-1"));
        await SendAsync(options, Some.Notification(key: "action-2"));

        var ids = server.Messages.Select(m => Parse(m).MessageId).ToList();
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
    }

    [Fact]
    public async Task TheConfiguredCredentialsLogIn()
    {
        await using var server = new SmtpTestServer(credentials: ("robot", Some.Password));

        var result = await SendAsync(Some.Options(server.Port).With(o => (o.Username, o.Password) = ("robot", Some.Password)), Some.Notification());

        Assert.Equal(DeliveryResult.Delivered, result);
        var mail = Assert.Single(server.Messages);
        Assert.Equal(("robot", Some.Password), (mail.User, mail.Password));
    }

    [Fact]
    public async Task RefusedCredentialsAreRejectedWithoutNamingThePassword()
    {
        await using var server = new SmtpTestServer(credentials: ("robot", "the-right-one"));

        var result = await SendAsync(Some.Options(server.Port).With(o => (o.Username, o.Password) = ("robot", Some.Password)), Some.Notification());

        Assert.Equal(DeliveryStatus.Rejected, result.Status);
        Assert.DoesNotContain(Some.Password, result.Reason, StringComparison.Ordinal);
        Assert.Empty(server.Messages);
    }

    [Theory]
    [InlineData("manager")]
    [InlineData("marketing")]
    public async Task ARoleWithNoAddressesIsSkippedWithoutConnecting(string role)
    {
        await using var server = new SmtpTestServer();

        var result = await SendAsync(Some.Options(server.Port), Some.Notification(recipient: role));

        Assert.Equal(DeliveryStatus.Skipped, result.Status);
        Assert.Contains(role, result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, server.SessionCount);
    }

    [Fact]
    public async Task ARecipientRefusedWith550IsRejected()
    {
        await using var server = new SmtpTestServer(rcptReply: address => address == "buyer2@shop.example" ? "550 5.1.1 No such user" : "250 2.1.5 OK");

        var result = await SendAsync(Some.Options(server.Port), Some.Notification());

        Assert.Equal(DeliveryStatus.Rejected, result.Status);
        Assert.Contains("550", result.Reason, StringComparison.Ordinal);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task ARecipientDeferredWith450IsARetryableFailure()
    {
        await using var server = new SmtpTestServer(rcptReply: _ => "450 4.2.1 Mailbox busy, try later");

        var result = await SendAsync(Some.Options(server.Port), Some.Notification());

        Assert.Equal(DeliveryStatus.RetryableFailure, result.Status);
        Assert.Contains("450", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerThatIsDownIsARetryableFailure()
    {
        var result = await SendAsync(Some.Options(Some.ClosedPort()), Some.Notification());

        Assert.Equal(DeliveryStatus.RetryableFailure, result.Status);
        Assert.Contains("127.0.0.1", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ALongFirstLineIsShortenedInTheSubject()
    {
        var notification = Some.Notification() with { Message = new string('x', 200) + "\nsecond line" };

        var subject = EmailChannel.Subject(notification);

        Assert.Equal("[Marketpilot] A-1: " + new string('x', 77) + "...", subject);
    }
}
