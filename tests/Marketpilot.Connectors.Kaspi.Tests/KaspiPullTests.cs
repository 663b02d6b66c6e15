using Marketpilot.Connectors.Kaspi.Api;
using Marketpilot.Connectors.Kaspi.Tests.Support;
using Marketpilot.Emulators.Hosting;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Kaspi.Tests;

public sealed class KaspiPullTests : ShopTests
{
    [Fact]
    public async Task EveryOrderOfTheBackfillIsCountedAcrossManyApiPagesAndCatalogPages()
    {
        var skus = Some.Skus(7);
        var orders = Enumerable.Range(0, 1_050)
            .Select(i => Some.Order(skus[i % skus.Count], Some.Now.AddHours(-i / 4.0), quantity: 1 + (i % 3), state: i % 5 == 0 ? "KASPI_DELIVERY" : "ARCHIVE"))
            .ToList();
        Shop.Emulator.AddOrders(orders);

        var (pulled, cursors) = await Pulls.AllAsync(Shop.Connect());

        Assert.Equal(orders.Sum(o => o.Entries.Sum(e => e.Quantity)), pulled.Sum(s => s.Orders));
        Assert.Equal(pulled.Count, pulled.Select(s => (s.Sku, s.Date)).Distinct().Count());
        Assert.True(cursors.Count >= 2, $"{cursors.Count} catalog page(s)");
        Assert.True(Shop.Emulator.Requests > 2 * 6, $"{Shop.Emulator.Requests} requests: more than one API page per state and window");
        Assert.Empty(Shop.Emulator.Refusals);
    }

    [Fact]
    public async Task AWeekNeedingMoreRequestsThanOneCallMayWaitForIsReadOverTwoCallsEachPageOnce()
    {
        Shop.Settings["RequestsPerSecond"] = "1";
        Shop.Emulator.AddOrders(Enumerable.Range(0, 1_200).Select(i => Some.Order("SKU-1", Some.Now.AddMinutes(-i))));
        var connector = Shop.Connect();
        var week = Orders.PullCursor.Format(new DateOnly(2026, 12, 1));

        var first = await Assert.ThrowsAsync<MarketplaceRateLimitedException>(() => connector.PullAsync(week, CancellationToken.None));
        var page = await connector.PullAsync(week, CancellationToken.None);

        Assert.Contains("Kaspi GET /v2/orders for", first.Message, StringComparison.Ordinal);
        Assert.Equal(1_200, page.Skus.Sum(s => s.Orders));
        Assert.Equal(12 + 5, Shop.Emulator.Requests);
    }

    [Fact]
    public async Task OrdersCountOnTheirDayInTheShopsTimeZoneAndReturnsOnTheOrdersDay()
    {
        // 20:30 UTC on 2 December is 01:30 on 3 December in Almaty.
        var late = new DateTimeOffset(2026, 12, 2, 20, 30, 0, TimeSpan.Zero);
        Shop.Emulator.AddOrders([
            Some.Order("A", late, quantity: 2, price: 4990m),
            Some.Order("A", late.AddHours(1), quantity: 1, price: 5190m, status: "RETURNED"),
            Some.Order("A", late.AddHours(2), quantity: 1, price: 5190m, status: "CANCELLED")]);

        var (pulled, _) = await Pulls.AllAsync(Shop.Connect());

        var day = Assert.Single(pulled);
        Assert.Equal((new DateOnly(2026, 12, 3), 4L, 1L, 5190m), (day.Date!.Value, day.Orders, day.Returns, day.Price));
        Assert.Equal((0L, 0L, 0L), (day.Impressions, day.Clicks, day.AddToCart));
    }

    [Fact]
    public async Task TheLastPageHandsBackACursorThatReReadsTheTrailingDaysSoLaterReturnsArrive()
    {
        var order = Some.Order("A", Some.Now.AddDays(-3));
        Shop.Emulator.AddOrders([order]);
        var connector = Shop.Connect();
        var (first, cursors) = await Pulls.AllAsync(connector);

        Shop.Emulator.SetStatus(order.Id, "ARCHIVE", "RETURNED");
        var (again, _) = await Pulls.AllAsync(connector, cursors[^1]);

        Assert.Equal(0L, Assert.Single(first).Returns);
        Assert.Equal(1L, Assert.Single(again).Returns);
    }

    [Fact]
    public async Task TooManyRequestsIsRetriedAfterTheRetryAfterKaspiSent()
    {
        Shop.Emulator.AddOrders(Some.OneOrderEach(["A"]));
        Shop.Emulator.Faults.Kinds = [FaultKind.TooManyRequests];
        Shop.Emulator.Faults.RetryAfterSeconds = 2;
        Shop.Emulator.Faults.Rate = 0.3;

        var (pulled, _) = await Pulls.AllAsync(Shop.Connect());

        Assert.Equal(1L, Assert.Single(pulled).Orders);
        Assert.True(Shop.Emulator.Faults.Injected > 0);
        Assert.Equal(Shop.Emulator.Faults.Injected, Shop.Clock.Timers.Count(t => t == TimeSpan.FromSeconds(2)));
        Assert.Contains(Shop.Logs.Lines, l => l.Contains("answered HTTP 429; retry 1 in 00:00:02", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(45)] // past the host's 30 s plugin-call deadline
    [InlineData(120)]
    public async Task ARetryAfterLongerThanTheConnectorWaitsIsLeftToTheHostWithTheWait(int seconds)
    {
        Shop.Emulator.Faults.Kinds = [FaultKind.TooManyRequests];
        Shop.Emulator.Faults.RetryAfterSeconds = seconds;
        Shop.Emulator.Faults.Rate = 1;

        var error = await Assert.ThrowsAsync<MarketplaceRateLimitedException>(() => Shop.Connect().PullAsync(null, CancellationToken.None));

        Assert.Contains($"rate-limited GET /v2/orders (state NEW, page 0) for kaspi/kz-main and asked to wait {seconds} s", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(seconds), error.RetryAfter);
        Assert.Equal(1, Shop.Emulator.Faults.Injected);
    }

    [Theory]
    [InlineData(1, "state NEW, page 0")] // every attempt of the first request
    [InlineData(2, "state PICKUP, page 0")] // the first attempt of each request of the call
    public async Task WaitsKaspiKeepsAskingForAreSatOutOnlyUntilTheCallsBudgetAndTheNextIsLeftToTheHost(int every, string refused)
    {
        Shop.Emulator.Faults.Kinds = [FaultKind.TooManyRequests];
        Shop.Emulator.Faults.RetryAfterSeconds = 4;
        Shop.Emulator.Faults.Every = every;

        var error = await Assert.ThrowsAsync<MarketplaceRateLimitedException>(() => Shop.Connect().PullAsync(null, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(4), error.RetryAfter);
        Assert.Contains($"rate-limited GET /v2/orders ({refused}) for kaspi/kz-main and asked to wait 4 s, longer than the connector still waits within this call", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, Shop.Emulator.Faults.Injected);
        Assert.Equal(2, Shop.Clock.Timers.Count(t => t == TimeSpan.FromSeconds(4)));
    }

    [Fact]
    public async Task TheHostsDeadlineEndsAWaitForRetryAfter()
    {
        Shop.Emulator.Faults.Kinds = [FaultKind.TooManyRequests];
        Shop.Emulator.Faults.RetryAfterSeconds = 8;
        Shop.Emulator.Faults.Rate = 1;
        using var deadline = new CancellationTokenSource();

        var pull = Shop.Connect().PullAsync(null, deadline.Token);
        await Shop.Clock.TimerStarted(TimeSpan.FromSeconds(8));
        await deadline.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pull);
        Assert.Equal(1, Shop.Emulator.Faults.Injected);
    }

    [Fact]
    public async Task ServerErrorsAndTimeoutsAtATwentyPercentRateStillGiveEveryOrder()
    {
        var orders = Enumerable.Range(0, 300).Select(i => Some.Order($"S{i % 11}", Some.Now.AddHours(-i))).ToList();
        Shop.Emulator.AddOrders(orders);
        Shop.Settings["RequestTimeoutSeconds"] = "1";
        Shop.Emulator.Faults.Kinds = [FaultKind.ServerError, FaultKind.Timeout, FaultKind.TooManyRequests];
        Shop.Emulator.Faults.TimeoutDelay = TimeSpan.FromSeconds(5);
        Shop.Emulator.Faults.Rate = 0.2;

        var (pulled, _) = await Pulls.AllAsync(Shop.Connect());

        Assert.Equal(300L, pulled.Sum(s => s.Orders));
        Assert.True(Shop.Emulator.Faults.Injected > 0);
    }

    [Fact]
    public async Task MalformedJsonFailsTheWholeCallWithAClearMessage()
    {
        Shop.Emulator.Faults.Kinds = [FaultKind.MalformedJson];
        Shop.Emulator.Faults.Rate = 1;

        var error = await Assert.ThrowsAsync<KaspiApiException>(() => Shop.Connect().PullAsync(null, CancellationToken.None));

        Assert.Contains("GET /v2/orders (state NEW, page 0) for kaspi/kz-main", error.Message, StringComparison.Ordinal);
        Assert.Contains("not the documented orders document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiredTokenFailsTheWholeCallWithoutTheToken()
    {
        Shop.Emulator.TokenExpired = true;

        var error = await Assert.ThrowsAsync<KaspiAuthenticationException>(() => Shop.Connect().PullAsync(null, CancellationToken.None));

        Assert.Contains("refused the X-Auth-Token of kaspi/kz-main (HTTP 401)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Credentials:Token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Shop.Emulator.Token, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, Shop.Emulator.Requests);
    }

    [Fact]
    public async Task TheTokenIsNeverLoggedNorInAnyError()
    {
        Shop.Emulator.AddOrders(Some.OneOrderEach(["A"]));
        Shop.Emulator.Faults.Kinds = [FaultKind.TooManyRequests, FaultKind.ServerError, FaultKind.MalformedJson, FaultKind.Unauthorized];
        Shop.Emulator.Faults.Rate = 0.5;
        var connector = Shop.Connect();
        var errors = new List<Exception>();

        for (var i = 0; i < 6; i++)
        {
            try
            {
                await connector.PullAsync(null, CancellationToken.None);
            }
            catch (KaspiApiException ex)
            {
                errors.Add(ex);
            }
        }

        var results = await connector.ApplyAsync([Some.SetPrice("A", 990m), Some.SetPrice("unknown", 1m)], CancellationToken.None);
        Assert.NotEmpty(errors);
        Assert.NotEmpty(Shop.Logs.Lines);
        Assert.DoesNotContain(Shop.Emulator.Token, Shop.Logs.All, StringComparison.Ordinal);
        Assert.All(errors, e => Assert.DoesNotContain(Shop.Emulator.Token, e.ToString(), StringComparison.Ordinal));
        Assert.All(results, r => Assert.DoesNotContain(Shop.Emulator.Token, r.Reason ?? "", StringComparison.Ordinal));
    }
}
