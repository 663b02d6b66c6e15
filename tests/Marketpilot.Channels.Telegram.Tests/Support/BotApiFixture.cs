using Marketpilot.Channels.Shared;
using Marketpilot.Channels.Testing;
using Marketpilot.Emulators.Telegram;

namespace Marketpilot.Channels.Telegram.Tests.Support;

/// <summary>A started Bot API emulator that knows the test chats, and channels pointed at it.</summary>
internal sealed class BotApiFixture(TelegramBotApiEmulator emulator) : ChannelFixture<TelegramBotApiEmulator, TelegramChannel>(emulator)
{
    public static async Task<BotApiFixture> StartAsync()
    {
        var emulator = new TelegramBotApiEmulator(Some.BotToken);
        await emulator.StartAsync();
        emulator.AddChat(Some.ManagerChat);
        emulator.AddChat(Some.PurchasingGroup);
        return new BotApiFixture(emulator);
    }

    public TelegramChannel Channel(Action<TelegramOptions>? change = null)
    {
        var options = Some.Options(Emulator.BaseAddress);
        change?.Invoke(options);
        return Track(new TelegramChannel(options, DeliveredKeys.InMemory(TimeProvider.System), TimeProvider.System, Logger));
    }
}
