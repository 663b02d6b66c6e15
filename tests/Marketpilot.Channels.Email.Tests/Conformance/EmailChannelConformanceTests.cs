using Marketpilot.Channels.Email.Tests.Support;
using Marketpilot.Sdk.Conformance;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.TestKit;
using MimeKit;

namespace Marketpilot.Channels.Email.Tests.Conformance;

/// <summary>The kit's channel checks against the email channel and a real SMTP server that upgrades with STARTTLS.</summary>
public sealed class EmailChannelConformanceTests : ChannelConformanceTests, IAsyncLifetime
{
    private readonly SmtpTestServer _server = new(tls: SmtpTls.StartTls, certificate: TestCertificates.Localhost);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    protected override INotificationChannel CreateChannel() => Channel(_server.Port);

    protected override ChannelConformanceOptions CreateOptions() => new()
    {
        Recipient = "purchasing",
        CountDeliveries = (notification, _) => Task.FromResult(_server.Messages.Count(m => m.Tls is not null && KeyOf(m) == notification.IdempotencyKey)),
        CreateUnreachableChannel = () => Channel(Some.ClosedPort()),
    };

    private static EmailChannel Channel(int port) => new(
        Some.Options(port).With(o => (o.Security, o.TrustedCertificateThumbprints) = (EmailSecurity.StartTls, [TestCertificates.Sha256(TestCertificates.Localhost)])),
        TimeProvider.System,
        null);

    private static string? KeyOf(ReceivedMail mail) => MimeMessage.Load(new MemoryStream(mail.Data)).Headers["X-Marketpilot-Notification"];
}
