using Marketpilot.Connectors.Ozon.Http;
using Marketpilot.Connectors.Ozon.Tests.Support;
using Marketpilot.Emulators.Hosting;
using Marketpilot.Emulators.Ozon;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Ozon.Tests;

public sealed class OzonFaultTests() : OzonShopTests(products: 300)
{
    [Fact]
    public async Task A429IsRetriedAfterTheRetryAfterOzonNames()
    {
        Shop.Emulator.FailNext("/v3/product/list", 1, 429, retryAfterSeconds: 2);

        var page = await Shop.Connector().PullAsync(null, CancellationToken.None);

        Assert.Equal(300, page.Skus.Count);
        Assert.Equal(2, Shop.Emulator.Requests["/v3/product/list"]);
        Assert.Contains(Shop.Logs.Lines, l => l.Contains("answered TooManyRequests; retry 1 in 00:00:02", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(45)] // past the host's 30 s plugin-call deadline
    [InlineData(3600)]
    public async Task ARetryAfterBeyondWhatTheConnectorWaitsIsLeftToTheHostWithTheWait(int seconds)
    {
        Shop.Emulator.FailNext("/v3/product/list", 1, 429, retryAfterSeconds: seconds);

        var error = await Assert.ThrowsAsync<MarketplaceRateLimitedException>(() => Shop.Connector().PullAsync(null, CancellationToken.None));

        Assert.Contains($"POST /v3/product/list answered 429: Ozon asked to wait {seconds} s", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(seconds), error.RetryAfter);
        Assert.Equal(1, Shop.Emulator.Requests["/v3/product/list"]);
    }

    [Fact]
    public async Task WaitsOzonKeepsAskingForAreSatOutOnlyUntilTheCallsBudgetAndTheNextIsLeftToTheHost()
    {
        Shop.Emulator.FailNext("/v3/product/list", 10, 429, retryAfterSeconds: 4);

        var error = await Assert.ThrowsAsync<MarketplaceRateLimitedException>(() => Shop.Connector().PullAsync(null, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(4), error.RetryAfter);
        Assert.Contains("Ozon asked to wait 4 s, longer than the connector still waits within this call", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, Shop.Emulator.Requests["/v3/product/list"]);
        Assert.Equal(2, Shop.Logs.Lines.Count(l => l.Contains("answered TooManyRequests; retry", StringComparison.Ordinal) && l.Contains(" in 00:00:04", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheWaitsOfEveryRequestOfOneCallShareTheCallsBudget()
    {
        Shop.Emulator.FailNext("/v3/product/list", 1, 429, retryAfterSeconds: 6);
        Shop.Emulator.FailNext("/v3/product/info/list", 1, 429, retryAfterSeconds: 6);

        var error = await Assert.ThrowsAsync<MarketplaceRateLimitedException>(() => Shop.Connector().PullAsync(null, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(6), error.RetryAfter);
        Assert.Contains("POST /v3/product/info/list answered 429", error.Message, StringComparison.Ordinal);
        Assert.Equal((2, 1), (Shop.Emulator.Requests["/v3/product/list"], Shop.Emulator.Requests["/v3/product/info/list"]));
    }

    [Fact]
    public async Task AnApplyOzonAsksToWaitReturnsTheHeldUpActionsWithTheWaitAndTheAppliedOnesAsApplied()
    {
        Shop.Emulator.FailNext($"/api/client/campaign/{OzonEmulator.RunningCampaignId}/deactivate", 1, 429, retryAfterSeconds: 45);
        var price = OzonTestShop.Request(OzonEmulator.OfferId(3), new SetPrice(1234.5m));
        var pause = OzonTestShop.Request(OzonEmulator.OfferId(3), new PauseAds(OzonEmulator.RunningCampaignId));

        var results = (await Shop.Connector().ApplyAsync([price, pause], CancellationToken.None)).ToDictionary(r => r.IdempotencyKey);

        Assert.Equal((ActionResultStatus.Applied, (TimeSpan?)null), (results[price.IdempotencyKey].Status, results[price.IdempotencyKey].RetryAfter));
        Assert.Equal((ActionResultStatus.RetryableFailure, TimeSpan.FromSeconds(45)), (results[pause.IdempotencyKey].Status, results[pause.IdempotencyKey].RetryAfter));
        Assert.Contains("Ozon asked to wait 45 s", results[pause.IdempotencyKey].Reason, StringComparison.Ordinal);
        Assert.Equal(1234.5m, Shop.Emulator.Product(OzonEmulator.OfferId(3)).Price);
    }

    [Fact]
    public async Task MalformedJsonFailsTheCallClearlyAndTheConnectorKeepsWorking()
    {
        var connector = Shop.Connector();
        Shop.Emulator.Faults.Kinds = [FaultKind.MalformedJson];
        Shop.Emulator.Faults.Rate = 1;

        var error = await Assert.ThrowsAsync<OzonApiException>(() => connector.PullAsync(null, CancellationToken.None));
        Shop.Emulator.Faults.Rate = 0;
        var page = await connector.PullAsync(null, CancellationToken.None);

        Assert.Contains("/v3/product/list answered 200 with a body that is not the documented JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal(300, page.Skus.Count);
    }

    [Fact]
    public async Task ExpiredCredentialsFailTheWholeCallWithAClearMessage()
    {
        Shop.Emulator.CredentialsExpired = true;

        var error = await Assert.ThrowsAsync<OzonApiException>(() => Shop.Connector().ApplyAsync([OzonTestShop.Request(OzonEmulator.OfferId(1), new SetPrice(1500m))], CancellationToken.None));

        Assert.True(error.IsAuthenticationFailure);
        Assert.Contains("answered 401: Ozon refused the shop's credentials", error.Message, StringComparison.Ordinal);
        Assert.Contains("Api-key is deactivated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredAdTokensAreRenewedOnce()
    {
        var connector = Shop.Connector();
        await connector.PullAsync(null, CancellationToken.None);
        Shop.Emulator.ExpireTokens();

        var result = (await connector.ApplyAsync([OzonTestShop.Request(OzonEmulator.OfferId(1), new PauseAds(OzonEmulator.RunningCampaignId))], CancellationToken.None)).Single();

        Assert.Equal(ActionResultStatus.Applied, result.Status);
        Assert.Equal(2, Shop.Emulator.TokensIssued);
    }

    [Fact]
    public async Task AHangingOzonEndsTheCallWithinTheAttemptTimeouts()
    {
        Shop.Emulator.Faults.Kinds = [FaultKind.Timeout];
        Shop.Emulator.Faults.TimeoutDelay = TimeSpan.FromSeconds(30);
        Shop.Emulator.Faults.Rate = 1;
        var quotas = OzonTestShop.FastQuotas with { AttemptTimeout = TimeSpan.FromMilliseconds(1_000), MaxRetries = 1 };

        var error = await Assert.ThrowsAsync<OzonApiException>(() => Shop.Connector(quotas: quotas).PullAsync(null, CancellationToken.None));

        Assert.Contains("got no answer after retries", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, Shop.Emulator.Faults.Injected);
    }

    [Fact]
    public async Task TheCallersDeadlineCancelsAHangingCall()
    {
        Shop.Emulator.Faults.Kinds = [FaultKind.Timeout];
        Shop.Emulator.Faults.Rate = 1;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Shop.Connector().PullAsync(null, deadline.Token));
    }

    [Fact]
    public async Task TheAnalyticsQuotaOfOneCallAMinuteEndsTheNextCallWithTheWaitInsteadOfHoldingItUntilTheCallersDeadline()
    {
        var connector = Shop.Connector(quotas: OzonTestShop.FastQuotas with { AnalyticsRequestsPerMinute = 1, CycleDataLifetime = TimeSpan.Zero });
        await connector.PullAsync(null, CancellationToken.None);
        // The host's deadline, shortened: before, the second pull waited on the quota until it and was counted against the breaker.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<MarketplaceRateLimitedException>(() => connector.PullAsync(null, deadline.Token));

        Assert.Equal(TimeSpan.FromMinutes(1), error.RetryAfter);
        Assert.Contains("POST /v1/analytics/data: the connector's own pacing of this shop's requests", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, Shop.Emulator.Requests["/v1/analytics/data"]);
        Assert.Equal(2, Shop.Emulator.Requests["/v3/product/list"]);
    }

    [Fact]
    public async Task AnalyticsOfMoreThanOnePageAreReadOnAfterTheWaitNotFromTheFirstPageAgain()
    {
        // Two pages of 200 rows for 300 SKUs, one page per 12 s: more than a call waits.
        var connector = Shop.Connector(quotas: OzonTestShop.FastQuotas with { AnalyticsRequestsPerMinute = 1, AnalyticsPeriod = TimeSpan.FromSeconds(12), PageSize = 200 });

        var first = await Assert.ThrowsAsync<MarketplaceRateLimitedException>(() => connector.PullAsync(null, CancellationToken.None));
        await Task.Delay(first.RetryAfter);
        var page = await connector.PullAsync(null, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(12), first.RetryAfter);
        Assert.NotEmpty(page.Skus);
        Assert.Equal(2, Shop.Emulator.Requests["/v1/analytics/data"]);
    }

    [Fact]
    public async Task SecretsAppearInNoLogErrorOrResult()
    {
        var texts = new List<string>();
        var connector = Shop.Connector();
        Shop.Emulator.FailNext("/v3/product/list", 1, 429, retryAfterSeconds: 1);
        await connector.PullAsync(null, CancellationToken.None);
        texts.AddRange((await connector.ApplyAsync(
            [
                OzonTestShop.Request(OzonEmulator.OfferId(1), new SetPrice(1m)),
                OzonTestShop.Request("unknown", new SetBid(OzonEmulator.RunningCampaignId, 5m)),
                OzonTestShop.Request(OzonEmulator.OfferId(1), new CreateCoupon(0.1m, TimeSpan.FromDays(1))),
            ],
            CancellationToken.None)).Select(r => r.Reason ?? ""));
        Shop.Emulator.CredentialsExpired = true;
        texts.Add((await Assert.ThrowsAsync<OzonApiException>(() => connector.PullAsync(null, CancellationToken.None))).ToString());
        texts.Add((await Assert.ThrowsAsync<OzonApiException>(() => Shop.Connector().ApplyAsync([OzonTestShop.Request(OzonEmulator.OfferId(1), new PauseAds())], CancellationToken.None))).ToString());
        texts.Add(Assert.Throws<ArgumentException>(() => new OzonConnectorFactory(TimeProvider.System).Create(Shop.Connection(edit: v => v.Remove("Credentials:ApiKey")))).ToString());
        texts.Add(Shop.Logs.All);

        var all = string.Join("\n", texts);
        Assert.NotEmpty(Shop.Logs.Lines);
        foreach (var secret in new[] { OzonEmulator.ApiKey, OzonEmulator.PerformanceClientSecret, OzonEmulator.PerformanceClientId })
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheRedactorMasksSecretsOzonEchoesInItsMessages()
    {
        var redactor = new SecretRedactor([OzonEmulator.ApiKey]);

        var text = redactor.Redact($"Invalid Api-Key {OzonEmulator.ApiKey}, please check the key");

        Assert.Equal("Invalid Api-Key ***, please check the key", text);
    }
}
