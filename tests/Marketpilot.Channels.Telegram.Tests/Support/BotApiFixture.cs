using Marketpilot.Channels.Shared;
using Marketpilot.Channels.Testing;
using Marketpilot.Emulators.Telegram;
using Microsoft.Extensions.Logging.Testing;

namespace Marketpilot.Channels.Telegram.Tests.Support;

/// <summary>A started Bot API emulator that knows the test chats, and channels pointed at it.</summary>
internal sealed class BotApiFixture : IAsyncDisposable
{
    private readonly List<IDisposable> _channels = [];

    private BotApiFixture(TelegramBotApiEmulator emulator) => Emulator = emulator;

    public TelegramBotApiEmulator Emulator { get; }

    public FakeLogger<TelegramChannel> Logger { get; } = new();

    public IReadOnlyList<TimeSpan> RetryDelays => Logger.Collector.RetryDelays();

    public string AllLogs => Logger.Collector.AllText();

    public static async Task<BotApiFixture> StartAsync()
    {
        var emulator = new TelegramBotApiEmulator(Some.BotToken);
        await emulator.StartAsync();
        emulator.AddChat(Some.ManagerChat);
        emulator.AddChat(Some.PurchasingGroup);
        return new BotApiFixture(emulator);
    }

    public TelegramChannel Channel(Action<TelegramOptions>? change = null, DeliveredKeys? delivered = null)
    {
        var options = Some.Options(Emulator.BaseAddress);
        change?.Invoke(options);
        var channel = new TelegramChannel(options, delivered ?? DeliveredKeys.InMemory(TimeProvider.System), TimeProvider.System, Logger);
        _channels.Add(channel);
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        _channels.ForEach(c => c.Dispose());
        await Emulator.DisposeAsync();
    }
}
