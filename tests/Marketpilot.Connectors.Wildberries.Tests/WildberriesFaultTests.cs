using Marketpilot.Connectors.Wildberries.Http;
using Marketpilot.Connectors.Wildberries.Tests.Support;
using Marketpilot.Emulators.Hosting;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Time.Testing;

namespace Marketpilot.Connectors.Wildberries.Tests;

public sealed class WildberriesFaultTests
{
    [Fact]
    public async Task A429IsRetriedAfterTheRetryAfterTheMarketplaceAsked()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 5);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var connector = shop.Connector(time);
        shop.Emulator.Faults.Kinds = [FaultKind.TooManyRequests];
        shop.Emulator.Faults.RetryAfterSeconds = 8;
        shop.Emulator.Faults.Rate = 1;

        var pull = connector.PullAsync(null, CancellationToken.None);
        await Eventually.HappensAsync(() => shop.Logs.Entries.Any(e => e.Contains("in 8000 ms after 429", StringComparison.Ordinal)));
        shop.Emulator.Faults.Rate = 0;

        // One fake second at a time, with a real pause between, so the connector's delay is registered however late
        // it gets to it on a busy machine: 7 s after the 429 the pull still waits, and it ends once the 8 s passed.
        await AdvanceAsync(time, seconds: 7);
        Assert.False(pull.IsCompleted);
        for (var second = 7; !pull.IsCompleted && second < 600; second++)
        {
            await AdvanceAsync(time, seconds: 1);
        }

        var page = await pull.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(5, page.Skus.Count);
    }

    [Fact]
    public async Task AWaitPastTheHostsCallDeadlineIsLeftToTheHostWithTheWait()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 5);
        shop.Emulator.Faults.Kinds = [FaultKind.TooManyRequests];
        shop.Emulator.Faults.RetryAfterSeconds = 42;
        shop.Emulator.Faults.Rate = 1;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var error = await Assert.ThrowsAsync<MarketplaceRateLimitedException>(() => shop.Connector().PullAsync(null, deadline.Token));

        Assert.Equal(TimeSpan.FromSeconds(42), error.RetryAfter);
        Assert.Contains("answered 429 and asked to wait 42 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, shop.Emulator.Faults.Injected);
    }

    [Theory]
    [InlineData(1)] // every attempt of the first request
    [InlineData(2)] // the first attempt of each request of the call
    public async Task WaitsWildberriesKeepsAskingForAreSatOutOnlyUntilTheCallsBudgetAndTheNextIsLeftToTheHost(int every)
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 5);
        shop.Emulator.Faults.Kinds = [FaultKind.TooManyRequests];
        shop.Emulator.Faults.RetryAfterSeconds = 4;
        shop.Emulator.Faults.Every = every;

        var error = await Assert.ThrowsAsync<MarketplaceRateLimitedException>(() => shop.Connector().PullAsync(null, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(4), error.RetryAfter);
        Assert.Contains("answered 429 and asked to wait 4 s, longer than the connector still waits within this call", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, shop.Emulator.Faults.Injected);
        Assert.Equal(2, shop.Logs.Entries.Count(e => e.Contains("in 4000 ms after 429", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AGroupWildberriesRateLimitsCarriesTheAskedWaitWhileTheOtherGroupsAnswersStand()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 5);
        shop.Emulator.Faults.Kinds = [FaultKind.TooManyRequests];
        shop.Emulator.Faults.RetryAfterSeconds = 42;
        shop.Emulator.Faults.PathPrefix = "/api/v2/upload";
        shop.Emulator.Faults.Rate = 1;
        var price = Some.Action(Some.FirstNmId, new SetPrice(900m));
        var pause = Some.Action(Some.FirstNmId, new PauseAds("701"));

        var results = (await shop.Connector().ApplyAsync([price, pause], CancellationToken.None)).ToDictionary(r => r.IdempotencyKey);

        Assert.Equal((ActionResultStatus.RetryableFailure, TimeSpan.FromSeconds(42)), (results[price.IdempotencyKey].Status, results[price.IdempotencyKey].RetryAfter));
        Assert.Contains("asked to wait 42 s", results[price.IdempotencyKey].Reason, StringComparison.Ordinal);
        Assert.Equal((ActionResultStatus.Applied, (TimeSpan?)null), (results[pause.IdempotencyKey].Status, results[pause.IdempotencyKey].RetryAfter));
        Assert.Equal(1, shop.Emulator.Faults.Injected);
    }

    [Fact]
    public async Task AtATwentyPercentFaultRateEveryActionIsAppliedExactlyOnce()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 80);
        var connector = shop.Connector(settings: new() { ["RequestTimeoutMilliseconds"] = "300" });
        var actions = Enumerable.Range(0, 60).Select(i => Some.Action(Some.FirstNmId + 10 + i, new SetPrice(2000m + i)))
            .Concat(Enumerable.Range(0, 5).Select(i => Some.Action(Some.FirstNmId + 20 + i, new AddToPromo("promotion-501"))))
            .Append(Some.Action(Some.FirstNmId, new PauseAds("701")))
            .Append(Some.Action(Some.FirstNmId + 3, new ResumeAds("702")))
            .Append(Some.Action(Some.FirstNmId + 3, new SetBid("702", 5m)))
            .ToList();
        shop.Emulator.Faults.Kinds = [FaultKind.TooManyRequests, FaultKind.ServerError, FaultKind.MalformedJson, FaultKind.Timeout];
        shop.Emulator.Faults.RetryAfterSeconds = 0;
        shop.Emulator.Faults.TimeoutDelay = TimeSpan.FromSeconds(5);
        shop.Emulator.Faults.Rate = 0.2;

        var results = await HostLikeDriver.ApplyUntilSettledAsync(connector, actions);

        Assert.True(shop.Emulator.Faults.Injected >= 5, $"only {shop.Emulator.Faults.Injected} fault(s) injected");
        Assert.All(results.Values, r => Assert.Equal(ActionResultStatus.Applied, r.Status));
        Assert.Equal(60, shop.Changes("price").Count());
        Assert.Equal(60, shop.Changes("price").Select(c => c.Target).Distinct().Count());
        Assert.Equal(5, shop.Changes("promotion").Count());
        Assert.Single(shop.Changes("pause"));
        Assert.Single(shop.Changes("start"));
        Assert.Equal(2, shop.Changes("bid").Count());
        Assert.Equal(2058L, shop.Emulator.Read(e => e.Items[Some.FirstNmId + 68].Price));
    }

    [Fact]
    public async Task MalformedJsonFailsThePullWithAClearMessage()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 5);
        var connector = shop.Connector();
        shop.Emulator.Faults.Kinds = [FaultKind.MalformedJson];
        shop.Emulator.Faults.Rate = 1;

        var error = await Assert.ThrowsAsync<WildberriesApiException>(() => connector.PullAsync(null, CancellationToken.None));

        Assert.Contains("POST 127.0.0.1/content/v2/get/cards/list", error.Message);
        Assert.Contains("not the documented JSON", error.Message);
    }

    [Fact]
    public async Task ExpiredCredentialsFailTheWholeCallWithAClearMessage()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 5);
        var connector = shop.Connector();
        shop.Emulator.ExpireToken();

        var pull = await Assert.ThrowsAsync<WildberriesAuthorizationException>(() => connector.PullAsync(null, CancellationToken.None));
        var apply = await Assert.ThrowsAsync<WildberriesAuthorizationException>(() => connector.ApplyAsync([Some.Action(Some.FirstNmId, new SetPrice(900m))], CancellationToken.None));

        Assert.Contains("token expired", pull.Message);
        Assert.Contains("Renew Credentials:Token", pull.Message);
        Assert.Contains("401", apply.Message);
    }

    [Fact]
    public async Task TheTokenIsNeverInLogsErrorsOrResults()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 5);
        var connector = shop.Connector();
        shop.Emulator.Faults.Kinds = [FaultKind.TooManyRequests, FaultKind.ServerError, FaultKind.MalformedJson];
        shop.Emulator.Faults.RetryAfterSeconds = 0;
        shop.Emulator.Faults.Rate = 0.5;
        var texts = new List<string?>();

        for (var i = 0; i < 3; i++)
        {
            texts.AddRange((await Capture(() => connector.PullAsync(null, CancellationToken.None))).Select(e => e.ToString()));
            var results = await Capture(() => connector.ApplyAsync([Some.Action(Some.FirstNmId + 1, new SetPrice(1100m + i)), Some.Action(Some.FirstNmId, new SetBid("701", 0.5m))], CancellationToken.None));
            texts.AddRange(results.Select(e => e.ToString()));
        }

        shop.Emulator.ExpireToken();
        texts.AddRange((await Capture(() => connector.PullAsync(null, CancellationToken.None))).Select(e => e.ToString()));

        Assert.Contains(texts, t => t!.Contains("token expired", StringComparison.Ordinal));
        Assert.NotEmpty(shop.Logs.Entries);
        Assert.DoesNotContain(texts.Concat(shop.Logs.Entries), t => t!.Contains(WildberriesShop.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(File.ReadAllText(Path.Combine(shop.StateDirectory, "ledger.jsonl")), WildberriesShop.Token);
    }

    private static async Task<List<object>> Capture<T>(Func<Task<T>> call)
    {
        try
        {
            var result = await call();
            return result is IEnumerable<ActionResult> results ? [.. results] : [result!];
        }
        catch (Exception ex)
        {
            return [ex];
        }
    }

    private static async Task AdvanceAsync(FakeTimeProvider time, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            await Task.Delay(10);
            time.Advance(TimeSpan.FromSeconds(1));
        }
    }
}
