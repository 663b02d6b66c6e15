using Marketpilot.Channels.Shared;
using Marketpilot.Channels.Sms.Tests.Support;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Conformance;
using Marketpilot.Sdk.TestKit;

namespace Marketpilot.Channels.Sms.Tests.Conformance;

/// <summary>The kit's channel checks against the SMS channel and the gateway emulator's Twilio-shaped route on loopback.</summary>
public sealed class SmsChannelConformanceTests : ChannelConformanceTests, IAsyncLifetime
{
    private GatewayFixture _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayFixture.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    protected override INotificationChannel CreateChannel() => _gateway.Channel();

    // Each SMS carries "<notification key>:<number digits>" in its Idempotency-Key header.
    protected override ChannelConformanceOptions CreateOptions() => new()
    {
        CountDeliveries = (notification, _) => Task.FromResult(
            _gateway.Emulator.Messages.Count(m => m.IdempotencyKey == $"{notification.IdempotencyKey}:{Some.ManagerPhone.TrimStart('+')}")),
        CreateUnreachableChannel = () => new SmsChannel(
            Some.JsonOptions(Some.ClosedPortUrl()).With(o => o.MaxRetries = 1), DeliveredKeys.InMemory(TimeProvider.System), TimeProvider.System, null),
    };
}
