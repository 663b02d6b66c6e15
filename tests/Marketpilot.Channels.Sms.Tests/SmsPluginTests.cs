using Marketpilot.Channels.Sms.Tests.Support;
using Marketpilot.Emulators.Sms;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.Channels.Sms.Tests;

public sealed class SmsPluginTests
{
    private static readonly (string, string)[] JsonGateway =
    [
        ("Endpoint", "https://sms.example/v1/messages"),
        ("Headers:Authorization", "Bearer header-secret-77"),
        ("BodyTemplate", """{"to":"{phone}","text":"{text}"}"""),
        ("Phones:manager", Some.ManagerPhone),
    ];

    private static IConfiguration Section(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"Marketpilot:Plugins:sms:{s.Key}", (string?)s.Value)))
            .Build()
            .GetSection("Marketpilot:Plugins:sms");

    private static ServiceCollection Register(IConfiguration section)
    {
        var services = new ServiceCollection();
        new SmsPlugin().RegisterServices(services, section);
        return services;
    }

    private static ArgumentException Refused(params (string Key, string Value)[] settings) =>
        Assert.Throws<ArgumentException>(() => Register(Section([.. JsonGateway.Where(g => settings.All(s => s.Key != g.Item1)), .. settings])));

    [Fact]
    public void AnEmptySectionOrTheHostsOwnKeysRegisterNoChannel()
    {
        Assert.Empty(Register(Section()));
        Assert.Empty(Register(Section((PluginHostKeys.StateDirectory, "/var/lib/marketpilot/sms"))));
    }

    [Fact]
    public async Task AGatewayAndANumberRegisterAChannelThatRemembersDeliveriesInTheStateFolder()
    {
        await using var gateway = new SmsGatewayEmulator(Some.AccountSid, Some.AuthToken);
        await gateway.StartAsync();
        var state = Directory.CreateTempSubdirectory("sms-state-");
        var section = Section(
            ("Endpoint", gateway.JsonMessagesUrl.ToString()), ("Headers:Authorization", $"Bearer {Some.AuthToken}"), ("Sender", "Shop"),
            ("BodyTemplate", """{"to":"{phone}","from":"{sender}","text":"{text}"}"""), ("Phones:manager:0", "+49 151 0000-0001"),
            (PluginHostKeys.StateDirectory, state.FullName));
        var notification = Some.Notification();

        foreach (var _ in new[] { "first run", "after a restart" })
        {
            await using var provider = Register(section).BuildServiceProvider();
            var channel = Assert.Single(provider.GetServices<INotificationChannel>());
            Assert.Equal("sms", channel.Name);
            Assert.Equal(DeliveryResult.Delivered, await channel.SendAsync(notification, CancellationToken.None).WaitAsync(Some.Deadline));
        }

        Assert.Equal(Some.ManagerPhone, Assert.Single(gateway.Messages).To);
        state.Delete(recursive: true);
    }

    [Fact]
    public void PhonesAndHeadersAreRead()
    {
        var options = SmsOptions.FromConfiguration(Section([.. JsonGateway, ("Phones:purchasing:0", "+49 (151) 000-00002"), ("Phones:purchasing:1", "+4915100000003, +4915100000004")]));

        Assert.Equal([Some.BuyerPhone, "+4915100000003", "+4915100000004"], options.Phones["Purchasing"]);
        Assert.Equal("Bearer header-secret-77", options.Headers["authorization"]);
        Assert.Equal("POST", options.Method);
    }

    [Theory]
    [InlineData("Endpoint", "", "Endpoint")]
    [InlineData("BodyTemplate", "", "BodyTemplate")]
    [InlineData("Phones:manager", "015100000001", "Phones:manager:0")]
    [InlineData("Phones:manager", "", "Phones")]
    [InlineData("BodyTemplate", """{"to":"{phone}","text":"{message}"}""", "BodyTemplate")]
    [InlineData("BodyTemplate", """{"to":"{phone}"}""", "BodyTemplate")]
    [InlineData("Method", "DELETE", "Method")]
    [InlineData("MaxSegments", "11", "MaxSegments")]
    [InlineData("DeadlineMilliseconds", "100", "DeadlineMilliseconds")]
    public void AnInvalidOrMissingSettingFailsNamingItsKeyAndNoSecret(string key, string value, string named)
    {
        var error = Refused((key, value));

        Assert.Contains($"Marketpilot:Plugins:sms:{named}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("header-secret-77", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEndpointThatIsNotAUrlIsNotEchoedBecauseItMayCarryCredentials()
    {
        var error = Refused(("Endpoint", "sms.example/send?psw=endpoint-secret"));

        Assert.Contains("Marketpilot:Plugins:sms:Endpoint", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("endpoint-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownPlaceholdersAreNamed()
    {
        var error = Refused(("BodyTemplate", """{"to":"{phone}","text":"{text}","x":"{price}"}"""));

        Assert.Contains("{price}", error.Message, StringComparison.Ordinal);
    }
}
