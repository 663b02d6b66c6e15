using Marketpilot.Channels.Shared;
using Marketpilot.Channels.Testing;
using Marketpilot.Emulators.Sms;
using Microsoft.Extensions.Logging.Testing;

namespace Marketpilot.Channels.Sms.Tests.Support;

/// <summary>A started SMS gateway emulator, and channels pointed at its Twilio-shaped route unless told otherwise.</summary>
internal sealed class GatewayFixture : IAsyncDisposable
{
    private readonly List<IDisposable> _channels = [];

    private GatewayFixture(SmsGatewayEmulator emulator) => Emulator = emulator;

    public SmsGatewayEmulator Emulator { get; }

    public FakeLogger<SmsChannel> Logger { get; } = new();

    public IReadOnlyList<TimeSpan> RetryDelays => Logger.Collector.RetryDelays();

    public string AllLogs => Logger.Collector.AllText();

    public static async Task<GatewayFixture> StartAsync()
    {
        var emulator = new SmsGatewayEmulator(Some.AccountSid, Some.AuthToken);
        await emulator.StartAsync();
        return new GatewayFixture(emulator);
    }

    public SmsChannel Channel(Action<SmsOptions>? change = null, SmsOptions? options = null)
    {
        options ??= Some.TwilioOptions(Emulator.TwilioMessagesUrl);
        change?.Invoke(options);
        options.Validate();
        var channel = new SmsChannel(options, DeliveredKeys.InMemory(TimeProvider.System), TimeProvider.System, Logger);
        _channels.Add(channel);
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        _channels.ForEach(c => c.Dispose());
        await Emulator.DisposeAsync();
    }
}
