using Marketpilot.Channels.Telegram.Tests.Support;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.Channels.Telegram.Tests;

public sealed class TelegramPluginTests
{
    private static IConfiguration Section(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"Marketpilot:Plugins:telegram:{s.Key}", (string?)s.Value)))
            .Build()
            .GetSection("Marketpilot:Plugins:telegram");

    private static ServiceCollection Register(IConfiguration section)
    {
        var services = new ServiceCollection();
        new TelegramPlugin().RegisterServices(services, section);
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
        var services = Register(Section((PluginHostKeys.StateDirectory, "/var/lib/marketpilot/telegram")));

        Assert.Empty(services);
    }

    [Fact]
    public async Task ATokenAndAChatRegisterAChannelThatRemembersDeliveriesInTheStateFolder()
    {
        await using var botApi = await BotApiFixture.StartAsync();
        var state = Directory.CreateTempSubdirectory("telegram-state-");
        var section = Section(
            ("BotToken", Some.BotToken), ("BaseUrl", botApi.Emulator.BaseAddress.ToString()), ("Chats:manager", Some.ManagerChat),
            (PluginHostKeys.StateDirectory, state.FullName));
        var notification = Some.Notification();

        await using (var provider = Register(section).BuildServiceProvider())
        {
            var channel = Assert.Single(provider.GetServices<INotificationChannel>());
            Assert.Equal("telegram", channel.Name);
            Assert.Equal(DeliveryResult.Delivered, await channel.SendAsync(notification, CancellationToken.None).WaitAsync(Some.Deadline));
        }

        await using (var restarted = Register(section).BuildServiceProvider())
        {
            var channel = Assert.Single(restarted.GetServices<INotificationChannel>());
            Assert.Equal(DeliveryResult.Delivered, await channel.SendAsync(notification, CancellationToken.None).WaitAsync(Some.Deadline));
        }

        Assert.Single(botApi.Emulator.Messages);
        Assert.True(File.Exists(Path.Combine(state.FullName, "delivered.jsonl")));
        state.Delete(recursive: true);
    }

    [Fact]
    public void ChatsAreReadFromAnIndexedListOrCommaSeparated()
    {
        var options = TelegramOptions.FromConfiguration(Section(
            ("BotToken", Some.BotToken), ("Chats:manager:0", "100"), ("Chats:manager:1", "@shop_alerts"), ("Chats:purchasing", "-1001, 200")));

        Assert.Equal(["100", "@shop_alerts"], options.Chats["manager"]);
        Assert.Equal(["-1001", "200"], options.Chats["Purchasing"]);
    }

    [Theory]
    [InlineData("BotToken", "Chats:manager", "100")]
    [InlineData("Chats", "BotToken", Some.BotToken)]
    public void AMissingRequiredSettingFailsNamingItsKey(string missing, string key, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Register(Section((key, value))));

        Assert.Contains($"Marketpilot:Plugins:telegram:{missing}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Some.BotToken, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMalformedTokenIsRefusedWithoutEchoingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => Register(Section(("BotToken", "not-a-token-secret"), ("Chats:manager", "100"))));

        Assert.Contains("Marketpilot:Plugins:telegram:BotToken", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-token-secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Chats:manager:0", "alice")]
    [InlineData("TimeoutMilliseconds", "0")]
    [InlineData("MaxRetries", "many")]
    [InlineData("DeadlineMilliseconds", "5")]
    [InlineData("MaxParts", "21")]
    [InlineData("ResendUnconfirmed", "sometimes")]
    [InlineData("BaseUrl", "ftp://api.example/")]
    public void AnInvalidValueFailsNamingItsKey(string key, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Register(Section(("BotToken", Some.BotToken), ("Chats:manager:0", "100"), (key, value))));

        Assert.Contains($"Marketpilot:Plugins:telegram:{key}", error.Message, StringComparison.Ordinal);
    }
}
