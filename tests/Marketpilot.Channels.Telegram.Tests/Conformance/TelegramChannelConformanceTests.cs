using Marketpilot.Channels.Shared;
using Marketpilot.Channels.Telegram.Tests.Support;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Conformance;
using Marketpilot.Sdk.TestKit;

namespace Marketpilot.Channels.Telegram.Tests.Conformance;

/// <summary>The kit's channel checks against the Telegram channel and the Bot API emulator on loopback.</summary>
public sealed class TelegramChannelConformanceTests : ChannelConformanceTests, IAsyncLifetime
{
    private BotApiFixture _botApi = null!;

    public async Task InitializeAsync() => _botApi = await BotApiFixture.StartAsync();

    public async Task DisposeAsync() => await _botApi.DisposeAsync();

    protected override INotificationChannel CreateChannel() => _botApi.Channel();

    // The kit's message names its key ("… check <key>: no action needed."), which the chat shows verbatim.
    protected override ChannelConformanceOptions CreateOptions() => new()
    {
        CountDeliveries = (notification, _) => Task.FromResult(
            _botApi.Emulator.MessagesTo(Some.ManagerChat).Count(m => m.PlainText.Contains($" {notification.IdempotencyKey}:", StringComparison.Ordinal))),
        CreateUnreachableChannel = () => new TelegramChannel(
            Some.Options(Some.ClosedPortUrl()).With(o => o.MaxRetries = 1), DeliveredKeys.InMemory(TimeProvider.System), TimeProvider.System, null),
    };
}
