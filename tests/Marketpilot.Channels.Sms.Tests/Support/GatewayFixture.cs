using Marketpilot.Channels.Shared;
using Marketpilot.Channels.Testing;
using Marketpilot.Emulators.Sms;

namespace Marketpilot.Channels.Sms.Tests.Support;

/// <summary>A started SMS gateway emulator, and channels pointed at its Twilio-shaped route unless told otherwise.</summary>
internal sealed class GatewayFixture(SmsGatewayEmulator emulator) : ChannelFixture<SmsGatewayEmulator, SmsChannel>(emulator)
{
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
        return Track(new SmsChannel(options, DeliveredKeys.InMemory(TimeProvider.System), TimeProvider.System, Logger));
    }
}
