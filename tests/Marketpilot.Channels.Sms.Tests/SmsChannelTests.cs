using Marketpilot.Channels.Sms.Tests.Support;
using Marketpilot.Channels.Testing;
using Marketpilot.Emulators.Hosting;
using Marketpilot.Emulators.Sms;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Channels.Sms.Tests;

public sealed class SmsChannelTests : IAsyncLifetime
{
    private GatewayFixture _gateway = null!;

    public async Task InitializeAsync() => _gateway = await GatewayFixture.StartAsync();

    public async Task DisposeAsync() => await _gateway.DisposeAsync();

    private async Task<DeliveryResult> SendAsync(Notification notification, Action<SmsOptions>? change = null, SmsOptions? options = null) =>
        await _gateway.Channel(change, options).SendAsync(notification, CancellationToken.None).WaitAsync(Some.Deadline);

    [Fact]
    public async Task ATwilioShapedGatewayGetsAFormEncodedSmsWithBasicAuth()
    {
        var notification = Some.Notification(key: "action-42", message: "A&B: 100% + 5 = more? Yes!");

        var result = await SendAsync(notification);

        Assert.Equal(DeliveryResult.Delivered, result);
        var sms = Assert.Single(_gateway.Emulator.Messages);
        Assert.Equal(SmsGatewayEmulator.TwilioMessagesPath, sms.Route);
        Assert.Equal((Some.ManagerPhone, Some.Sender, notification.Message), (sms.To, sms.From, sms.Text));
        Assert.Equal("action-42:4915100000001", sms.IdempotencyKey);
    }

    [Fact]
    public async Task AJsonGatewayGetsTheTextEscapedSoQuotesBackslashesAndLineBreaksSurvive()
    {
        const string message = "Price \"A-1\" fell\nby 5 \\ 10 % — продажи 📉 {text}";

        var result = await SendAsync(Some.Notification(message: message), options: Some.JsonOptions(_gateway.Emulator.JsonMessagesUrl));

        Assert.Equal(DeliveryResult.Delivered, result);
        var sms = Assert.Single(_gateway.Emulator.Messages);
        Assert.Equal(SmsGatewayEmulator.JsonMessagesPath, sms.Route);
        Assert.Equal(message, sms.Text);
    }

    [Fact]
    public async Task EveryNumberOfTheRoleGetsTheSms()
    {
        var result = await SendAsync(Some.Notification(recipient: "purchasing"));

        Assert.Equal(DeliveryResult.Delivered, result);
        Assert.Single(_gateway.Emulator.MessagesTo(Some.BuyerPhone));
        Assert.Single(_gateway.Emulator.MessagesTo(Some.ManagerPhone));
    }

    [Fact]
    public async Task ARoleWithoutANumberIsSkippedWithoutARequest()
    {
        var result = await SendAsync(Some.Notification(recipient: "marketing"));

        Assert.Equal(DeliveryStatus.Skipped, result.Status);
        Assert.Equal(0, _gateway.Emulator.Requests);
    }

    [Fact]
    public async Task ATextOverMaxSegmentsIsCutAtAWordWithAnEllipsis()
    {
        var message = string.Join(" ", Enumerable.Repeat("reorder", 200));

        var result = await SendAsync(Some.Notification(message: message), o => o.MaxSegments = 2);

        Assert.Equal(DeliveryResult.Delivered, result);
        var text = Assert.Single(_gateway.Emulator.Messages).Text;
        Assert.InRange(text.Length, 290, 2 * 153);
        Assert.EndsWith("reorder...", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooManyRequestsWaitsAsLongAsRetryAfterAsks()
    {
        _gateway.Emulator.TooManyRequestsNext(retryAfterSeconds: 1);

        var result = await SendAsync(Some.Notification(), o => o.RetryDelayMilliseconds = 10_000);

        Assert.Equal(DeliveryResult.Delivered, result);
        Assert.Equal(2, _gateway.Emulator.Requests);
        Assert.Equal([TimeSpan.FromSeconds(1)], _gateway.RetryDelays);
    }

    [Fact]
    public async Task ARetryAfterLongerThanTheChannelWaitsIsARetryableFailureAtOnce()
    {
        _gateway.Emulator.TooManyRequestsNext(retryAfterSeconds: 600);

        var result = await SendAsync(Some.Notification());

        Assert.Equal(DeliveryStatus.RetryableFailure, result.Status);
        Assert.Contains("retry after 600 s", result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, _gateway.Emulator.Requests);
    }

    [Fact]
    public async Task AnUnavailableGatewayIsRetriedAndTheSmsSentOnce()
    {
        _gateway.Emulator.ServiceUnavailableNext(2);

        var result = await SendAsync(Some.Notification());

        Assert.Equal(DeliveryResult.Delivered, result);
        Assert.Equal(3, _gateway.Emulator.Requests);
        Assert.Single(_gateway.Emulator.Messages);
    }

    [Fact]
    public async Task RetriesStopAtTheCallDeadline()
    {
        _gateway.Emulator.HangNext(10);

        var result = await SendAsync(Some.Notification(), o => (o.TimeoutMilliseconds, o.DeadlineMilliseconds, o.MaxRetries, o.ResendUnconfirmed) = (1_000, 2_500, 10, true));

        Assert.Equal(DeliveryStatus.RetryableFailure, result.Status);
        Assert.Contains("2500 ms deadline", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnSmsTheGatewayTookWithoutAnsweringIsNotSentAgainNotEvenByTheHost()
    {
        _gateway.Emulator.Faults.Kinds = [FaultKind.LostAnswer];
        _gateway.Emulator.Faults.TimeoutDelay = TimeSpan.FromSeconds(5);
        _gateway.Emulator.Faults.Rate = 1;
        // 3 s for the gateway to take it before the client gives up on its answer (see the test below).
        var channel = _gateway.Channel(o => o.TimeoutMilliseconds = 3_000);
        var notification = Some.Notification();

        var first = await channel.SendAsync(notification, CancellationToken.None).WaitAsync(Some.Deadline);
        _gateway.Emulator.Faults.Rate = 0;
        var again = await channel.SendAsync(notification, CancellationToken.None).WaitAsync(Some.Deadline);

        Assert.Equal(DeliveryStatus.Delivered, first.Status);
        Assert.Contains("not confirmed", first.Reason, StringComparison.Ordinal);
        Assert.Equal(DeliveryResult.Delivered, again);
        Assert.Single(_gateway.Emulator.MessagesTo(Some.ManagerPhone));
    }

    [Fact]
    public async Task WithResendUnconfirmedAnUnansweredSmsIsSentAgainWithTheSameIdempotencyKey()
    {
        _gateway.Emulator.Faults.Kinds = [FaultKind.LostAnswer];
        _gateway.Emulator.Faults.TimeoutDelay = TimeSpan.FromSeconds(5);
        _gateway.Emulator.Faults.Rate = 1;
        // 3 s for the gateway to take the first one: on a busy CI machine its route once took over 1 s to read the body,
        // the client gave up first, and the gateway never took that SMS.
        var sending = SendAsync(Some.Notification(), o => (o.TimeoutMilliseconds, o.MaxRetries, o.RetryDelayMilliseconds, o.ResendUnconfirmed) = (3_000, 1, 200, true));
        await _gateway.Emulator.FirstRequest.WaitAsync(Some.Deadline);
        _gateway.Emulator.Faults.Rate = 0;

        var result = await sending;

        // The gateway ran both: one that drops repeats of the key would send one SMS.
        Assert.Equal(DeliveryResult.Delivered, result);
        var sent = _gateway.Emulator.MessagesTo(Some.ManagerPhone);
        Assert.Equal(2, sent.Count);
        Assert.Single(sent.Select(m => m.IdempotencyKey).Distinct());
    }

    [Fact]
    public async Task ANumberTheGatewayRefusesIsRejectedWithItsWordsAndNotRetried()
    {
        _gateway.Emulator.Unsubscribed[Some.ManagerPhone] = true;

        var result = await SendAsync(Some.Notification());

        Assert.Equal(DeliveryStatus.Rejected, result.Status);
        Assert.Contains("21610", result.Reason, StringComparison.Ordinal);
        Assert.Contains("unsubscribed", result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, _gateway.Emulator.Requests);
    }

    [Fact]
    public async Task AnErrorInASuccessfulAnswerIsRejectedWhenTheGatewaySaysHowItLooks()
    {
        _gateway.Emulator.ErrorIn200Next("not enough money on the account");

        var result = await SendAsync(Some.Notification(), o => o.ErrorBodyContains = "\"error\"");

        Assert.Equal(DeliveryStatus.Rejected, result.Status);
        Assert.Contains("not enough money", result.Reason, StringComparison.Ordinal);
        Assert.Empty(_gateway.Emulator.Messages);
    }

    [Fact]
    public async Task AGatewayRepeatingAWrongKeyHasItMaskedInTheReasonAndLogs()
    {
        const string wrong = "Bearer wrong-key-0123456789";

        var result = await SendAsync(
            Some.Notification(), o => o.Headers = new Dictionary<string, string> { ["Authorization"] = wrong }, Some.JsonOptions(_gateway.Emulator.JsonMessagesUrl));

        Assert.Equal(DeliveryStatus.Rejected, result.Status);
        Assert.Contains("401", result.Reason, StringComparison.Ordinal);
        Assert.Contains("***", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key-0123456789", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key-0123456789", _gateway.AllLogs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CredentialsInTheEndpointQueryAreNeverInAReason()
    {
        var endpoint = new Uri(Some.ClosedPortUrl() + "?login=shop&psw=query-secret-42&phones={phoneDigits}&mes={text}");

        var result = await SendAsync(Some.Notification(), o => (o.Endpoint, o.Method, o.BodyTemplate, o.MaxRetries) = (endpoint, "GET", null, 0));

        Assert.Equal(DeliveryStatus.RetryableFailure, result.Status);
        Assert.DoesNotContain("query-secret-42", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("query-secret-42", _gateway.AllLogs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterAFailureTheRetrySendsOnlyToTheNumbersThatMissedIt()
    {
        var channel = _gateway.Channel(o => o.MaxRetries = 0);
        var notification = Some.Notification(recipient: "purchasing");
        _gateway.Emulator.ServiceUnavailableNext();

        var failed = await channel.SendAsync(notification, CancellationToken.None).WaitAsync(Some.Deadline);
        var retried = await channel.SendAsync(notification, CancellationToken.None).WaitAsync(Some.Deadline);

        Assert.Equal(DeliveryStatus.RetryableFailure, failed.Status);
        Assert.Equal(DeliveryResult.Delivered, retried);
        Assert.Single(_gateway.Emulator.MessagesTo(Some.BuyerPhone));
        Assert.Single(_gateway.Emulator.MessagesTo(Some.ManagerPhone));
        Assert.Equal(3, _gateway.Emulator.Requests);
    }

    [Fact]
    public async Task ConcurrentSendsOfTheSameNotificationSendItOnce()
    {
        var channel = _gateway.Channel();
        var notification = Some.Notification();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => channel.SendAsync(notification, CancellationToken.None)))).WaitAsync(Some.Deadline);

        Assert.All(results, r => Assert.Equal(DeliveryResult.Delivered, r));
        Assert.Single(_gateway.Emulator.Messages);
    }

    [Fact]
    public async Task AtATwentyPercentFaultRateEveryNotificationReachesEachNumberExactlyOnce()
    {
        // Refusals (429, 503) are retried; an SMS the gateway took but did not confirm is never sent twice.
        _gateway.Emulator.Faults.Kinds = [FaultKind.TooManyRequests, FaultKind.Unavailable, FaultKind.BrokenAnswer];
        _gateway.Emulator.Faults.Rate = 0.2;
        var channel = _gateway.Channel(o => o.MaxRetries = 1);
        var notifications = Enumerable.Range(0, 30).Select(i => Some.Notification(recipient: "purchasing", message: $"notification {i}")).ToList();

        await HostRetries.DeliverAllAsync(channel, notifications);

        Assert.True(_gateway.Emulator.Faults.Injected > 0);
        foreach (var phone in new[] { Some.BuyerPhone, Some.ManagerPhone })
        {
            var received = _gateway.Emulator.MessagesTo(phone).Select(m => m.Text).Order(StringComparer.Ordinal);
            Assert.Equal(notifications.Select(n => n.Message).Order(StringComparer.Ordinal), received);
        }
    }

    [Fact]
    public async Task CancellationByTheHostIsHonoured()
    {
        _gateway.Emulator.HangNext();
        var channel = _gateway.Channel();
        using var cancel = new CancellationTokenSource();

        var sending = channel.SendAsync(Some.Notification(), cancel.Token);
        await _gateway.Emulator.FirstRequest.WaitAsync(Some.Deadline);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(Some.Deadline));
        Assert.Empty(_gateway.Emulator.Messages);
    }
}
