using System.Text.Json;
using Marketpilot.Channels.Webhook.Tests.Support;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Channels.Webhook.Tests;

public sealed class WebhookChannelTests
{
    private readonly RecordingTimeProvider _time = new();

    private WebhookChannel Channel(WebhookOptions options) => new(options, _time, null);

    private async Task<DeliveryResult> SendAsync(WebhookOptions options, Notification notification)
    {
        using var channel = Channel(options);
        return await channel.SendAsync(notification, CancellationToken.None).WaitAsync(Some.Deadline);
    }

    [Fact]
    public async Task TheReceiverVerifiesTheSignatureWithTheSharedSecret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();

        var result = await SendAsync(Some.Options(receiver.Url), Some.Notification());

        Assert.Equal(DeliveryResult.Delivered, result);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.StartsWith("sha256=", request.Header("X-Marketpilot-Signature"), StringComparison.Ordinal);
        Assert.True(Signature.Verify(Some.Secret, request));
    }

    [Fact]
    public async Task ATamperedBodyAWrongSecretOrAReplayedTimestampFailVerification()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SendAsync(Some.Options(receiver.Url), Some.Notification());
        var request = Assert.Single(receiver.Requests);

        var tamperedBody = request with { Body = [.. request.Body[..^2], (byte)' ', request.Body[^1]] };
        var replayed = request with
        {
            Headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase)
            {
                ["X-Marketpilot-Timestamp"] = (long.Parse(request.Header("X-Marketpilot-Timestamp"), System.Globalization.CultureInfo.InvariantCulture) + 600).ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };

        Assert.True(Signature.Verify(Some.Secret, request));
        Assert.False(Signature.Verify(Some.Secret, tamperedBody));
        Assert.False(Signature.Verify("another-secret", request));
        Assert.False(Signature.Verify(Some.Secret, replayed));
    }

    [Fact]
    public async Task TheBodyCarriesTheNotificationAsJson()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var notification = Some.Notification(key: "action-42");

        await SendAsync(Some.Options(receiver.Url), notification);

        using var json = JsonDocument.Parse(Assert.Single(receiver.Requests).Body);
        var root = json.RootElement;
        Assert.Equal("action-42", root.GetProperty("id").GetString());
        Assert.Equal("ozon", root.GetProperty("sku").GetProperty("marketplace").GetString());
        Assert.Equal("shop-1", root.GetProperty("sku").GetProperty("shopId").GetString());
        Assert.Equal("A-1", root.GetProperty("sku").GetProperty("sku").GetString());
        Assert.Equal("purchasing", root.GetProperty("recipient").GetString());
        Assert.Equal(notification.Message, root.GetProperty("message").GetString());
        Assert.Equal("stock-guard", root.GetProperty("rule").GetString());
        Assert.Equal(TimeSpan.Zero, root.GetProperty("timestamp").GetDateTimeOffset().Offset);
    }

    [Fact]
    public async Task TheIdempotencyHeaderIsTheNotificationKeyOnEveryAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Status(503));

        await SendAsync(Some.Options(receiver.Url), Some.Notification(key: "action-7"));

        Assert.Equal(["action-7", "action-7"], receiver.Requests.Select(r => r.Header("Idempotency-Key")));
    }

    [Fact]
    public async Task AServerErrorIsRetriedAndTheRetryIsDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Status(500));

        var result = await SendAsync(Some.Options(receiver.Url), Some.Notification());

        Assert.Equal(DeliveryResult.Delivered, result);
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(receiver.Requests[0].Body, receiver.Requests[1].Body);
        Assert.All(receiver.Requests, r => Assert.True(Signature.Verify(Some.Secret, r)));
    }

    [Fact]
    public async Task TooManyRequestsWaitsAsLongAsRetryAfterAsks()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Status(429, retryAfter: "1"));

        var result = await SendAsync(Some.Options(receiver.Url), Some.Notification());

        Assert.Equal(DeliveryResult.Delivered, result);
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Contains(TimeSpan.FromSeconds(1), _time.Timers);
    }

    [Fact]
    public async Task ARetryAfterLongerThanTheChannelWaitsIsARetryableFailureAtOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Status(503, retryAfter: "3600"));

        var result = await SendAsync(Some.Options(receiver.Url), Some.Notification());

        Assert.Equal(DeliveryStatus.RetryableFailure, result.Status);
        Assert.Contains("3600", result.Reason, StringComparison.Ordinal);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task ABadRequestIsRejectedWithoutRetrying()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Status(400));

        var result = await SendAsync(Some.Options(receiver.Url), Some.Notification());

        Assert.Equal(DeliveryStatus.Rejected, result.Status);
        Assert.Contains("400", result.Reason, StringComparison.Ordinal);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task ARedirectIsRejectedRatherThanFollowedAsAGet()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Status(302));

        var result = await SendAsync(Some.Options(receiver.Url), Some.Notification());

        Assert.Equal(DeliveryStatus.Rejected, result.Status);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task ServerErrorsUntilTheRetriesRunOutAreARetryableFailure()
    {
        await using var receiver = await WebhookReceiver.StartAsync(
            WebhookReceiver.Status(503), WebhookReceiver.Status(503), WebhookReceiver.Status(503));

        var result = await SendAsync(Some.Options(receiver.Url).With(o => o.MaxRetries = 2), Some.Notification());

        Assert.Equal(DeliveryStatus.RetryableFailure, result.Status);
        Assert.Contains("503", result.Reason, StringComparison.Ordinal);
        Assert.Equal(3, receiver.Requests.Count);
    }

    [Fact]
    public async Task AHangingReceiverIsARetryableFailureAfterTheTimeout()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Hang(), WebhookReceiver.Hang());

        // 2 s per attempt: long enough for a busy machine's receiver to take each request before the client gives up.
        var result = await SendAsync(Some.Options(receiver.Url).With(o => (o.TimeoutMilliseconds, o.MaxRetries) = (2_000, 1)), Some.Notification());

        Assert.Equal(DeliveryStatus.RetryableFailure, result.Status);
        Assert.Contains("2000 ms", result.Reason, StringComparison.Ordinal);
        Assert.Equal(2, receiver.Requests.Count);
    }

    [Fact]
    public async Task AClosedPortIsARetryableFailure()
    {
        var result = await SendAsync(Some.Options(Some.ClosedPortUrl()).With(o => o.MaxRetries = 1), Some.Notification());

        Assert.Equal(DeliveryStatus.RetryableFailure, result.Status);
    }

    [Fact]
    public async Task ARecipientTheWebhookDoesNotServeIsSkippedWithoutARequest()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var options = Some.Options(receiver.Url).With(o => o.Recipients = ["manager", "marketing"]);

        var skipped = await SendAsync(options, Some.Notification(recipient: "purchasing"));
        var served = await SendAsync(options, Some.Notification(recipient: "Manager"));

        Assert.Equal(DeliveryStatus.Skipped, skipped.Status);
        Assert.Equal(DeliveryResult.Delivered, served);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task EveryEndpointGetsTheNotificationAndOneRefusalRejectsIt()
    {
        await using var first = await WebhookReceiver.StartAsync();
        await using var second = await WebhookReceiver.StartAsync(WebhookReceiver.Status(404));

        var result = await SendAsync(Some.Options(first.Url, second.Url), Some.Notification());

        Assert.Equal(DeliveryStatus.Rejected, result.Status);
        Assert.Contains("404", result.Reason, StringComparison.Ordinal);
        Assert.Equal(first.Requests[0].Body, second.Requests[0].Body);
    }

    [Fact]
    public async Task CancellationByTheHostIsHonoured()
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Hang());
        using var channel = Channel(Some.Options(receiver.Url));
        using var cancel = new CancellationTokenSource();

        var sending = channel.SendAsync(Some.Notification(), cancel.Token);
        await receiver.FirstRequest.WaitAsync(Some.Deadline);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(Some.Deadline));
    }
}
