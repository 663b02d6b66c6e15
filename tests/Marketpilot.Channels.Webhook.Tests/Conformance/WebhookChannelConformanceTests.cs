using Marketpilot.Channels.Webhook.Tests.Support;
using Marketpilot.Sdk.Conformance;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.TestKit;

namespace Marketpilot.Channels.Webhook.Tests.Conformance;

/// <summary>The kit's channel checks against the webhook channel and a real HTTP receiver on loopback.</summary>
public sealed class WebhookChannelConformanceTests : ChannelConformanceTests, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    protected override INotificationChannel CreateChannel() => new WebhookChannel(Some.Options(_receiver.Url), TimeProvider.System, null);

    protected override ChannelConformanceOptions CreateOptions() => new()
    {
        CountDeliveries = (notification, _) => Task.FromResult(
            _receiver.Requests.Count(r => r.Header("Idempotency-Key") == notification.IdempotencyKey && Signature.Verify(Some.Secret, r))),
        CreateUnreachableChannel = () => new WebhookChannel(Some.Options(Some.ClosedPortUrl()).With(o => o.MaxRetries = 1), TimeProvider.System, null),
    };
}
