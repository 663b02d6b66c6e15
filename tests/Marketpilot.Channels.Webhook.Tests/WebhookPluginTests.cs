using Marketpilot.Channels.Webhook.Tests.Support;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.Channels.Webhook.Tests;

public sealed class WebhookPluginTests
{
    private static IConfiguration Section(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"Marketpilot:Plugins:webhook:{s.Key}", (string?)s.Value)))
            .Build()
            .GetSection("Marketpilot:Plugins:webhook");

    private static ServiceCollection Register(IConfiguration section)
    {
        var services = new ServiceCollection();
        new WebhookPlugin().RegisterServices(services, section);
        return services;
    }

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
    public async Task AUrlAndASecretRegisterTheWebhookChannel()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var services = Register(Section(("Url", receiver.Url.ToString()), ("Secret", Some.Secret), ("Recipients", "purchasing, manager")));
        await using var provider = services.BuildServiceProvider();

        var channel = Assert.Single(provider.GetServices<INotificationChannel>());
        var result = await channel.SendAsync(Some.Notification(recipient: "manager"), CancellationToken.None).WaitAsync(Some.Deadline);

        Assert.Equal("webhook", channel.Name);
        Assert.Equal(DeliveryResult.Delivered, result);
        Assert.True(Signature.Verify(Some.Secret, Assert.Single(receiver.Requests)));
    }

    [Fact]
    public void SeveralUrlsAreReadFromAnIndexedList()
    {
        var options = WebhookOptions.FromConfiguration(Section(("Url:0", "https://a.example/hook"), ("Url:1", "https://b.example/hook?x=1,2"), ("Secret", Some.Secret)));

        Assert.Equal(["https://a.example/hook", "https://b.example/hook?x=1,2"], options.Urls.Select(u => u.OriginalString));
    }

    [Theory]
    [InlineData("Secret", "Url", "https://hooks.example/abc")]
    [InlineData("Url", "Secret", Some.Secret)]
    public void AMissingRequiredSettingFailsNamingItsKey(string missing, string key, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Register(Section((key, value))));

        Assert.Contains($"Marketpilot:Plugins:webhook:{missing}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Some.Secret, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TimeoutMilliseconds", "0")]
    [InlineData("MaxRetries", "many")]
    [InlineData("MaxRetries", "11")]
    [InlineData("RetryDelayMilliseconds", "-1")]
    public void AnInvalidValueFailsNamingItsKey(string key, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Register(Section(("Url", "https://hooks.example/abc"), ("Secret", Some.Secret), (key, value))));

        Assert.Contains($"Marketpilot:Plugins:webhook:{key}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidUrlIsNotEchoedBecauseItMayCarryAToken()
    {
        var error = Assert.Throws<ArgumentException>(() => Register(Section(("Url", "ftp://hooks.example/token-123"), ("Secret", Some.Secret))));

        Assert.Contains("Marketpilot:Plugins:webhook:Url", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token-123", error.Message, StringComparison.Ordinal);
    }
}
