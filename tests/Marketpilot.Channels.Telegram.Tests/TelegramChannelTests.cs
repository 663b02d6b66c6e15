using Marketpilot.Channels.Telegram.Tests.Support;
using Marketpilot.Channels.Testing;
using Marketpilot.Emulators.Hosting;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Channels.Telegram.Tests;

public sealed class TelegramChannelTests : IAsyncLifetime
{
    private BotApiFixture _botApi = null!;

    public async Task InitializeAsync() => _botApi = await BotApiFixture.StartAsync();

    public async Task DisposeAsync() => await _botApi.DisposeAsync();

    private async Task<DeliveryResult> SendAsync(Notification notification, Action<TelegramOptions>? change = null) =>
        await _botApi.Channel(change).SendAsync(notification, CancellationToken.None).WaitAsync(Some.Deadline);

    [Fact]
    public async Task AMessageFullOfReservedCharactersArrivesExactlyAsWritten()
    {
        const string message = "Price of A_1 (size *M*) fell to 1.299,00 - 15% [promo] ~ `x` > y #tag + a=b | {c} ! back\\slash";

        var result = await SendAsync(Some.Notification(message: message));

        Assert.Equal(DeliveryResult.Delivered, result);
        var sent = Assert.Single(_botApi.Emulator.MessagesTo(Some.ManagerChat));
        Assert.Equal("MarkdownV2", sent.ParseMode);
        Assert.Equal($"A-1 · ozon · shop-1\n{message}\nrule stock-guard", sent.PlainText);
        Assert.Equal(["Bold", "Italic"], sent.Entities);
    }

    [Fact]
    public async Task EveryChatOfTheRoleGetsTheMessage()
    {
        var result = await SendAsync(Some.Notification(recipient: "purchasing"));

        Assert.Equal(DeliveryResult.Delivered, result);
        Assert.Single(_botApi.Emulator.MessagesTo(Some.PurchasingGroup));
        Assert.Single(_botApi.Emulator.MessagesTo(Some.ManagerChat));
    }

    [Fact]
    public async Task ARoleWithoutAChatIsSkippedWithoutARequest()
    {
        var result = await SendAsync(Some.Notification(recipient: "marketing"));

        Assert.Equal(DeliveryStatus.Skipped, result.Status);
        Assert.Contains("marketing", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _botApi.Emulator.Requests);
    }

    [Fact]
    public async Task AMessageOverTheLimitIsSplitIntoNumberedPartsThatEachFit()
    {
        var message = string.Join(" ", Enumerable.Range(0, 1_500).Select(i => $"w{i}."));

        var result = await SendAsync(Some.Notification(message: message));

        Assert.Equal(DeliveryResult.Delivered, result);
        var parts = _botApi.Emulator.MessagesTo(Some.ManagerChat);
        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.True(p.PlainText.Length <= 4096, $"{p.PlainText.Length} characters"));
        Assert.StartsWith("A-1 · ozon · shop-1 (1/3)\n", parts[0].PlainText, StringComparison.Ordinal);
        var body = string.Join(" ", parts.Select(p => p.PlainText.Split('\n')[1]));
        Assert.Equal(message, body);
    }

    [Fact]
    public async Task AMessageLongerThanMaxPartsAllowIsCutWithAMarker()
    {
        var message = new string('x', 3_000) + " " + new string('y', 3_000);

        var result = await SendAsync(Some.Notification(message: message), o => o.MaxParts = 1);

        Assert.Equal(DeliveryResult.Delivered, result);
        var sent = Assert.Single(_botApi.Emulator.MessagesTo(Some.ManagerChat));
        Assert.Contains("xxx… (truncated)\nrule stock-guard", sent.PlainText, StringComparison.Ordinal);
        Assert.True(sent.PlainText.Length <= 4096);
    }

    [Fact]
    public async Task TooManyRequestsWaitsAsLongAsRetryAfterInTheAnswerAsks()
    {
        _botApi.Emulator.TooManyRequestsNext(retryAfterSeconds: 1);

        var result = await SendAsync(Some.Notification(), o => o.RetryDelayMilliseconds = 10_000);

        Assert.Equal(DeliveryResult.Delivered, result);
        Assert.Equal(2, _botApi.Emulator.Requests);
        Assert.Equal([TimeSpan.FromSeconds(1)], _botApi.RetryDelays);
    }

    [Fact]
    public async Task ARetryAfterLongerThanTheChannelWaitsIsARetryableFailureAtOnce()
    {
        _botApi.Emulator.TooManyRequestsNext(retryAfterSeconds: 120);

        var result = await SendAsync(Some.Notification());

        Assert.Equal(DeliveryStatus.RetryableFailure, result.Status);
        Assert.Contains("retry after 120 s", result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, _botApi.Emulator.Requests);
    }

    [Fact]
    public async Task AServerErrorIsRetriedAndTheRetryIsDeliveredOnce()
    {
        _botApi.Emulator.BadGatewayNext(2);

        var result = await SendAsync(Some.Notification());

        Assert.Equal(DeliveryResult.Delivered, result);
        Assert.Equal(3, _botApi.Emulator.Requests);
        Assert.Single(_botApi.Emulator.Messages);
    }

    [Fact]
    public async Task ServerErrorsUntilTheRetriesRunOutAreARetryableFailure()
    {
        _botApi.Emulator.BadGatewayNext(3);

        var result = await SendAsync(Some.Notification(), o => o.MaxRetries = 2);

        Assert.Equal(DeliveryStatus.RetryableFailure, result.Status);
        Assert.Contains("502", result.Reason, StringComparison.Ordinal);
        Assert.Empty(_botApi.Emulator.Messages);
    }

    [Fact]
    public async Task RetriesStopAtTheCallDeadline()
    {
        _botApi.Emulator.HangNext(10);

        var result = await SendAsync(Some.Notification(), o => (o.TimeoutMilliseconds, o.DeadlineMilliseconds, o.MaxRetries, o.ResendUnconfirmed) = (1_000, 2_500, 10, true));

        Assert.Equal(DeliveryStatus.RetryableFailure, result.Status);
        Assert.Contains("2500 ms deadline", result.Reason, StringComparison.Ordinal);
        Assert.InRange(_botApi.Emulator.Requests, 1, 3);
    }

    [Fact]
    public async Task AMessageTelegramRanButNeverConfirmedIsNotSentAgainNotEvenByTheHost()
    {
        _botApi.Emulator.Faults.Kinds = [FaultKind.LostAnswer];
        _botApi.Emulator.Faults.TimeoutDelay = TimeSpan.FromSeconds(5);
        _botApi.Emulator.Faults.Rate = 1;
        // Long enough for a busy machine's emulator to take the request before the client gives up on its answer.
        var channel = _botApi.Channel(o => o.TimeoutMilliseconds = 3_000);
        var notification = Some.Notification();

        var first = await channel.SendAsync(notification, CancellationToken.None).WaitAsync(Some.Deadline);
        _botApi.Emulator.Faults.Rate = 0;
        var again = await channel.SendAsync(notification, CancellationToken.None).WaitAsync(Some.Deadline);

        Assert.Equal(DeliveryStatus.Delivered, first.Status);
        Assert.Contains("not confirmed", first.Reason, StringComparison.Ordinal);
        Assert.Equal(DeliveryResult.Delivered, again);
        Assert.Equal(1, _botApi.Emulator.Requests);
        Assert.Single(_botApi.Emulator.MessagesTo(Some.ManagerChat));
    }

    [Fact]
    public async Task ByDefaultAnUnansweredRequestIsNotRepeatedEvenWhenTelegramNeverRanIt()
    {
        _botApi.Emulator.HangNext();

        var result = await SendAsync(Some.Notification(), o => o.TimeoutMilliseconds = 3_000);

        // At most once has this price: the message Telegram never ran is gone, and the reason says so.
        Assert.Equal(DeliveryStatus.Delivered, result.Status);
        Assert.Contains("no answer within 3000 ms", result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, _botApi.Emulator.Requests);
        Assert.Empty(_botApi.Emulator.Messages);
    }

    [Fact]
    public async Task WithResendUnconfirmedAnUnansweredRequestIsSentAgain()
    {
        _botApi.Emulator.HangNext();

        var result = await SendAsync(Some.Notification(), o => (o.TimeoutMilliseconds, o.ResendUnconfirmed) = (3_000, true));

        Assert.Equal(DeliveryResult.Delivered, result);
        Assert.Equal(2, _botApi.Emulator.Requests);
        Assert.Single(_botApi.Emulator.Messages);
    }

    [Theory]
    [InlineData(FaultKind.MalformedJson, "200 OK does not say")] // a success Telegram would have put in a Bot API answer
    [InlineData(FaultKind.ServerError, "500 Internal Server Error does not say")] // a proxy's error, not Telegram's
    public async Task AnAnswerThatIsNotTelegramSpeakingIsNotConfirmedAndNotSentAgain(FaultKind fault, string reason)
    {
        _botApi.Emulator.Faults.Kinds = [fault];
        _botApi.Emulator.Faults.Rate = 1;

        var result = await SendAsync(Some.Notification());

        Assert.Equal(DeliveryStatus.Delivered, result.Status);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, _botApi.Emulator.Faults.Injected);
    }

    [Fact]
    public async Task WithResendUnconfirmedAGarbledAnswerIsARetryableFailure()
    {
        _botApi.Emulator.Faults.Kinds = [FaultKind.MalformedJson];
        _botApi.Emulator.Faults.Rate = 1;

        var result = await SendAsync(Some.Notification(), o => (o.MaxRetries, o.ResendUnconfirmed) = (0, true));

        Assert.Equal(DeliveryStatus.RetryableFailure, result.Status);
        Assert.Contains("not a Bot API answer", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("404404404", "chat not found")]
    [InlineData("blocked", "bot was blocked by the user")]
    public async Task AChatTelegramRefusesIsRejectedWithTelegramsReasonAndNotRetried(string chat, string reason)
    {
        _botApi.Emulator.BlockChat("777");
        var target = chat == "blocked" ? "777" : chat;

        var result = await SendAsync(Some.Notification(), o => o.Chats = new Dictionary<string, IReadOnlyList<string>> { ["manager"] = [target] });

        Assert.Equal(DeliveryStatus.Rejected, result.Status);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
        Assert.Contains(target, result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, _botApi.Emulator.Requests);
    }

    [Fact]
    public async Task AGroupThatBecameASupergroupIsRejectedNamingTheNewChatId()
    {
        _botApi.Emulator.MigratedChats[Some.ManagerChat] = -1009876543210;

        var result = await SendAsync(Some.Notification());

        Assert.Equal(DeliveryStatus.Rejected, result.Status);
        Assert.Contains("-1009876543210", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongTokenIsRejectedAndTheTokenAppearsInNoReasonOrLog()
    {
        const string wrong = "987654321:ZZHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ";

        var result = await SendAsync(Some.Notification(), o => o.BotToken = wrong);

        Assert.Equal(DeliveryStatus.Rejected, result.Status);
        Assert.Contains("BotToken", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("ZZHdqTcv", _botApi.AllLogs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableApiIsARetryableFailureWithoutTheToken()
    {
        var result = await SendAsync(Some.Notification(), o => (o.BaseUrl, o.MaxRetries) = (Some.ClosedPortUrl(), 1));

        Assert.Equal(DeliveryStatus.RetryableFailure, result.Status);
        Assert.DoesNotContain(Some.BotToken, result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(Some.BotToken, _botApi.AllLogs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameNotificationSentAgainReachesEachChatOnce()
    {
        var channel = _botApi.Channel();
        var notification = Some.Notification(recipient: "purchasing");

        var first = await channel.SendAsync(notification, CancellationToken.None).WaitAsync(Some.Deadline);
        var again = await channel.SendAsync(notification, CancellationToken.None).WaitAsync(Some.Deadline);

        Assert.Equal(DeliveryResult.Delivered, first);
        Assert.Equal(DeliveryResult.Delivered, again);
        Assert.Equal(2, _botApi.Emulator.Messages.Count);
        Assert.Equal(2, _botApi.Emulator.Requests);
    }

    [Fact]
    public async Task AfterAFailureTheRetrySendsOnlyToTheChatsThatMissedIt()
    {
        var channel = _botApi.Channel(o => o.MaxRetries = 0);
        var notification = Some.Notification(recipient: "purchasing");
        _botApi.Emulator.BadGatewayNext();

        var failed = await channel.SendAsync(notification, CancellationToken.None).WaitAsync(Some.Deadline);
        var retried = await channel.SendAsync(notification, CancellationToken.None).WaitAsync(Some.Deadline);

        Assert.Equal(DeliveryStatus.RetryableFailure, failed.Status);
        Assert.Contains($"chat {Some.PurchasingGroup}", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(DeliveryResult.Delivered, retried);
        Assert.Single(_botApi.Emulator.MessagesTo(Some.PurchasingGroup));
        Assert.Single(_botApi.Emulator.MessagesTo(Some.ManagerChat));
        Assert.Equal(3, _botApi.Emulator.Requests);
    }

    [Fact]
    public async Task ConcurrentSendsOfTheSameNotificationDeliverItOnce()
    {
        var channel = _botApi.Channel();
        var notification = Some.Notification();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => channel.SendAsync(notification, CancellationToken.None)))).WaitAsync(Some.Deadline);

        Assert.All(results, r => Assert.Equal(DeliveryResult.Delivered, r));
        Assert.Single(_botApi.Emulator.Messages);
    }

    [Fact]
    public async Task AtATwentyPercentFaultRateEveryNotificationReachesEachChatExactlyOnce()
    {
        // Refusals (429, 503) are retried; a message Telegram ran but did not confirm is never sent twice.
        _botApi.Emulator.Faults.Kinds = [FaultKind.TooManyRequests, FaultKind.Unavailable, FaultKind.BrokenAnswer];
        _botApi.Emulator.Faults.Rate = 0.2;
        var channel = _botApi.Channel(o => o.MaxRetries = 1);
        var notifications = Enumerable.Range(0, 30).Select(i => Some.Notification(recipient: "purchasing", message: $"notification {i}")).ToList();

        await HostRetries.DeliverAllAsync(channel, notifications);

        Assert.True(_botApi.Emulator.Faults.Injected > 0);
        foreach (var chat in new[] { Some.PurchasingGroup, Some.ManagerChat })
        {
            var received = _botApi.Emulator.MessagesTo(chat).Select(m => m.PlainText.Split('\n')[1]).Order(StringComparer.Ordinal);
            Assert.Equal(notifications.Select(n => n.Message).Order(StringComparer.Ordinal), received);
        }
    }

    [Fact]
    public async Task CancellationByTheHostIsHonoured()
    {
        _botApi.Emulator.HangNext();
        var channel = _botApi.Channel();
        using var cancel = new CancellationTokenSource();

        var sending = channel.SendAsync(Some.Notification(), cancel.Token);
        await _botApi.Emulator.FirstRequest.WaitAsync(Some.Deadline);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(Some.Deadline));
        Assert.Empty(_botApi.Emulator.Messages);
    }
}
