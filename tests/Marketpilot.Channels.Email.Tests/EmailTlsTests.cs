using System.Security.Authentication;
using Marketpilot.Channels.Email.Tests.Support;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Channels.Email.Tests;

public sealed class EmailTlsTests
{
    private static readonly string Pin = TestCertificates.Sha256(TestCertificates.Localhost);

    private readonly CollectingLogger<EmailChannel> _log = new();

    private Task<DeliveryResult> SendAsync(EmailOptions options) =>
        new EmailChannel(options, TimeProvider.System, _log).SendAsync(Some.Notification(), CancellationToken.None).WaitAsync(Some.Deadline);

    private static SmtpTestServer Server(SmtpTls tls, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null) =>
        new(credentials: ("robot", Some.Password), tls: tls, certificate: certificate ?? TestCertificates.Localhost);

    private static EmailOptions Options(SmtpTestServer server, EmailSecurity security, params string[] pins) =>
        Some.Options(server.Port).With(o => (o.Security, o.TrustedCertificateThumbprints, o.Username, o.Password) = (security, pins, "robot", Some.Password));

    [Fact]
    public async Task StartTlsUpgradesTheSessionBeforeTheCredentialsAndTheMessage()
    {
        await using var server = Server(SmtpTls.StartTls);

        var result = await SendAsync(Options(server, EmailSecurity.StartTls, Pin));

        Assert.Equal(DeliveryResult.Delivered, result);
        var handshake = Assert.Single(server.Handshakes);
        Assert.True(handshake is { IsAuthenticated: true, IsEncrypted: true }, handshake.ToString());
        Assert.Contains(handshake.Protocol, new[] { SslProtocols.Tls12, SslProtocols.Tls13 });
        Assert.Equal(["EHLO", "STARTTLS"], server.Commands.TakeWhile(c => !c.OverTls).Select(c => c.Verb));
        Assert.All(server.Commands.Skip(2), c => Assert.True(c.OverTls, $"{c.Verb} arrived in clear text"));
        Assert.Contains(server.Commands, c => c is { Verb: "AUTH", OverTls: true });
        var mail = Assert.Single(server.Messages);
        Assert.Equal(handshake.Protocol, mail.Tls);
        Assert.Equal(("robot", Some.Password), (mail.User, mail.Password));
    }

    [Fact]
    public async Task ImplicitTlsEncryptsTheSessionFromTheFirstByte()
    {
        await using var server = Server(SmtpTls.Implicit);

        var result = await SendAsync(Options(server, EmailSecurity.Tls, Pin));

        Assert.Equal(DeliveryResult.Delivered, result);
        var handshake = Assert.Single(server.Handshakes);
        Assert.True(handshake is { IsAuthenticated: true, IsEncrypted: true }, handshake.ToString());
        Assert.Equal("EHLO", server.Commands[0].Verb);
        Assert.All(server.Commands, c => Assert.True(c.OverTls, $"{c.Verb} arrived in clear text"));
        Assert.Equal(handshake.Protocol, Assert.Single(server.Messages).Tls);
    }

    [Fact]
    public async Task StartTlsThatTheServerDoesNotOfferFailsBeforeAnythingIsSent()
    {
        await using var server = new SmtpTestServer(credentials: ("robot", Some.Password));

        var result = await SendAsync(Options(server, EmailSecurity.StartTls));

        Assert.Equal(DeliveryStatus.RetryableFailure, result.Status);
        Assert.Contains("does not offer STARTTLS", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Commands, c => c.Verb is "AUTH" or "MAIL" or "DATA");
        Assert.Empty(server.Messages);
        Assert.DoesNotContain(_log.Lines, l => l.Contains(Some.Password, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(SmtpTls.StartTls, EmailSecurity.StartTls)]
    [InlineData(SmtpTls.Implicit, EmailSecurity.Tls)]
    public async Task AnUntrustedCertificateFailsNamingTheCertificateProblem(SmtpTls tls, EmailSecurity security)
    {
        await using var server = Server(tls);

        var result = await SendAsync(Options(server, security));

        Assert.Equal(DeliveryStatus.RetryableFailure, result.Status);
        Assert.Contains("certificate (CN=localhost, SHA-256 thumbprint " + Pin + ") is not trusted: its chain does not validate", result.Reason, StringComparison.Ordinal);
        Assert.Contains("UntrustedRoot", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Commands, c => c.OverTls || c.Verb is "AUTH" or "MAIL");
        Assert.Empty(server.Messages);
        Assert.DoesNotContain(Some.Password, result.Reason, StringComparison.Ordinal);
        Assert.Contains(_log.Lines, l => l.StartsWith("Warning: TLS with the SMTP server 127.0.0.1", StringComparison.Ordinal));
        Assert.DoesNotContain(_log.Lines, l => l.Contains(Some.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task APinForAnotherCertificateDoesNotTrustTheServer()
    {
        await using var server = Server(SmtpTls.Implicit, TestCertificates.Impostor);

        var result = await SendAsync(Options(server, EmailSecurity.Tls, Pin));

        Assert.Equal(DeliveryStatus.RetryableFailure, result.Status);
        Assert.Contains(TestCertificates.Sha256(TestCertificates.Impostor), result.Reason, StringComparison.Ordinal);
        Assert.Empty(server.Messages);
    }
}
