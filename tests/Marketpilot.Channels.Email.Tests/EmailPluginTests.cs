using Marketpilot.Channels.Email.Tests.Support;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.Channels.Email.Tests;

public sealed class EmailPluginTests
{
    private static IConfiguration Section(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"Marketpilot:Plugins:email:{s.Key}", (string?)s.Value)))
            .Build()
            .GetSection("Marketpilot:Plugins:email");

    private static ServiceCollection Register(IConfiguration section)
    {
        var services = new ServiceCollection();
        new EmailPlugin().RegisterServices(services, section);
        return services;
    }

    private static readonly (string, string)[] Minimal = [("Host", "smtp.shop.example"), ("From", "robot@shop.example")];

    [Fact]
    public void AnEmptySectionRegistersNoChannel()
    {
        var services = Register(Section());

        Assert.Empty(services);
    }

    [Fact]
    public void TheHostsOwnKeysAloneDoNotConfigureTheChannel()
    {
        // The host sets MarketpilotHost:StateDirectory in every plugin's section; that is not the operator configuring the channel.
        var services = Register(Section((Marketpilot.Sdk.Plugins.PluginHostKeys.StateDirectory, "/var/lib/marketpilot/plugin")));

        Assert.Empty(services);
    }

    [Fact]
    public async Task AConfiguredSectionRegistersTheEmailChannelThatSendsThroughTheServer()
    {
        await using var server = new SmtpTestServer();
        var services = Register(Section(
            ("Host", "127.0.0.1"), ("Port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Security", "none"),
            ("From", "robot@shop.example"), ("Recipients:purchasing:0", "buyer@shop.example")));
        await using var provider = services.BuildServiceProvider();

        var channel = Assert.Single(provider.GetServices<INotificationChannel>());
        var result = await channel.SendAsync(Some.Notification(), CancellationToken.None).WaitAsync(Some.Deadline);

        Assert.Equal("email", channel.Name);
        Assert.Equal(DeliveryResult.Delivered, result);
        Assert.Equal(["buyer@shop.example"], Assert.Single(server.Messages).RcptTo);
    }

    [Fact]
    public void RecipientsAreReadFromIndexedListsAndCommaSeparatedValues()
    {
        var options = EmailOptions.FromConfiguration(Section([.. Minimal,
            ("Recipients:purchasing:0", "a@shop.example"), ("Recipients:purchasing:1", "b@shop.example"),
            ("Recipients:Manager", "c@shop.example, d@shop.example")]));

        Assert.Equal(["a@shop.example", "b@shop.example"], options.Recipients["purchasing"]);
        Assert.Equal(["c@shop.example", "d@shop.example"], options.Recipients["manager"]);
        Assert.Equal((EmailSecurity.StartTls, 587), (options.Security, options.EffectivePort));
    }

    [Fact]
    public async Task APinnedThumbprintFromConfigurationTrustsThatServerOverImplicitTls()
    {
        await using var server = new SmtpTestServer(tls: SmtpTls.Implicit, certificate: TestCertificates.Localhost);
        var colons = string.Join(':', TestCertificates.Sha256(TestCertificates.Localhost).Chunk(2).Select(c => new string(c))).ToLowerInvariant();
        var services = Register(Section(
            ("Host", "127.0.0.1"), ("Port", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Security", "Tls"),
            ("From", "robot@shop.example"), ("Recipients:purchasing:0", "buyer@shop.example"), ("TrustedCertificateThumbprints:0", colons)));
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<INotificationChannel>().SendAsync(Some.Notification(), CancellationToken.None).WaitAsync(Some.Deadline);

        Assert.Equal(DeliveryResult.Delivered, result);
        Assert.NotNull(Assert.Single(server.Messages).Tls);
    }

    [Fact]
    public void ThumbprintsAreReadFromIndexedListsAndCommaSeparatedValues()
    {
        var (a, b) = (new string('a', 64), new string('B', 64));

        var indexed = EmailOptions.FromConfiguration(Section([.. Minimal, ("TrustedCertificateThumbprints:0", a), ("TrustedCertificateThumbprints:1", b)]));
        var commas = EmailOptions.FromConfiguration(Section([.. Minimal, ("TrustedCertificateThumbprints", $"{a}, {b}")]));

        Assert.Equal([a.ToUpperInvariant(), b], indexed.TrustedCertificateThumbprints);
        Assert.Equal(indexed.TrustedCertificateThumbprints, commas.TrustedCertificateThumbprints);
        Assert.Empty(EmailOptions.FromConfiguration(Section(Minimal)).TrustedCertificateThumbprints);
    }

    [Theory]
    [InlineData("Host", "From", "robot@shop.example")]
    [InlineData("From", "Host", "smtp.shop.example")]
    public void AMissingRequiredSettingFailsNamingItsKey(string missing, string key, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Register(Section((key, value))));

        Assert.Contains($"Marketpilot:Plugins:email:{missing}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Port", "smtp", "Port")]
    [InlineData("Port", "70000", "Port")]
    [InlineData("Security", "ssl3", "Security")]
    [InlineData("Username", "robot", "Password")]
    [InlineData("Password", Some.Password, "Username")]
    [InlineData("Recipients:purchasing:0", "not an address", "Recipients:purchasing:0")]
    [InlineData("TrustedCertificateThumbprints:0", "0123456789ABCDEF0123456789ABCDEF01234567", "TrustedCertificateThumbprints:0")]
    public void AnInvalidValueFailsNamingItsKeyAndNeverThePassword(string key, string value, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => Register(Section([.. Minimal, (key, value)])));

        Assert.Contains($"Marketpilot:Plugins:email:{named}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Some.Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CredentialsInClearTextAreRefusedUnlessTheServerIsOnThisMachine()
    {
        var remote = Assert.Throws<ArgumentException>(() => Register(Section([.. Minimal, ("Security", "None"), ("Username", "robot"), ("Password", Some.Password)])));
        var local = Register(Section(("Host", "localhost"), ("From", "robot@shop.example"), ("Security", "None"), ("Username", "robot"), ("Password", Some.Password)));

        Assert.Contains("Marketpilot:Plugins:email:Security", remote.Message, StringComparison.Ordinal);
        Assert.Single(local, d => d.ServiceType == typeof(INotificationChannel));
    }
}
