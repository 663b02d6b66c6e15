using Marketpilot.Connectors.Shared;
using Marketpilot.Connectors.Wildberries.Http;
using Marketpilot.Connectors.Wildberries.Tests.Support;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Wildberries.Tests;

public sealed class WildberriesUploadTests
{
    [Fact]
    public async Task AnUploadCutOffByTheDeadlineIsFoundAgainByItsContentAndAppliedOnce()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 20);
        var connector = shop.Connector();
        var action = Some.Action(100002, new SetPrice(1100m));
        shop.Emulator.HoldUploads = true;
        using var deadline = new CancellationTokenSource();

        var first = connector.ApplyAsync([action], deadline.Token);
        await Eventually.HappensAsync(() => shop.Emulator.Requests.Contains("GET /api/v2/history/tasks"));
        await deadline.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        shop.Emulator.HoldUploads = false;
        var retry = (await connector.ApplyAsync([action], CancellationToken.None)).Single();

        Assert.Equal(ActionResultStatus.Applied, retry.Status);
        Assert.Equal(2, shop.Emulator.Requests.Count(r => r == "POST /api/v2/upload/task"));
        Assert.Equal(1, shop.Emulator.UploadCount);
        Assert.Single(shop.Changes("price"));
    }

    [Fact]
    public async Task TheEmulatorRefusesAPriceThatIsNotAWholeNumberLikeWildberries()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 5);
        using var http = new HttpClient { BaseAddress = shop.Emulator.BaseAddress };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", WildberriesShop.Token);

        var fraction = await PostAsync(http, """{"data":[{"nmID":100002,"price":1099.5,"discount":0}]}""");
        var text = await PostAsync(http, """{"data":[{"nmID":100002,"price":"1100","discount":0}]}""");
        var whole = await PostAsync(http, """{"data":[{"nmID":100002,"price":1100,"discount":0}]}""");
        var again = await PostAsync(http, """{"data":[{"nmID":100002,"price":1100,"discount":0}]}""");

        Assert.Equal((400, "Price should be a whole number"), (fraction.Status, fraction.Error));
        Assert.Equal((400, "Invalid price value"), (text.Status, text.Error));
        Assert.Equal(200, whole.Status);
        Assert.Equal(208, again.Status);
    }

    [Fact]
    public async Task TheEmulatorRefusesARequestWithoutTheToken()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 5);
        using var http = new HttpClient { BaseAddress = shop.Emulator.BaseAddress };

        using var response = await http.GetAsync(new Uri("/adv/v1/promotion/count", UriKind.Relative));

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Contains("unauthorized", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheStatisticsBucketLetsItsBurstThroughThenEndsTheCallWithTheWaitForItsNextToken()
    {
        await using var limits = new WildberriesRateLimits();
        using var call = MarketplaceRetryAfter.BeginCall();

        for (var i = 0; i < 10; i++)
        {
            await limits.AcquireAsync(WildberriesMethodGroup.Statistics, "GET /api/v1/supplier/sales", CancellationToken.None);
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<MarketplaceRateLimitedException>(() => limits.AcquireAsync(WildberriesMethodGroup.Statistics, "GET /api/v1/supplier/sales", deadline.Token).AsTask());
        Assert.Equal(TimeSpan.FromMinutes(1), error.RetryAfter);
        Assert.Contains("Wildberries GET /api/v1/supplier/sales (Statistics quota): the connector's own pacing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWaitForATokenThatFitsTheCallsBudgetIsWaitedAndTakenFromIt()
    {
        await using var limits = new WildberriesRateLimits();
        using var call = MarketplaceRetryAfter.BeginCall();

        // A burst of 5, then one token each 600 ms: the last 3 wait.
        for (var i = 0; i < 8; i++)
        {
            await limits.AcquireAsync(WildberriesMethodGroup.Content, "POST /content/v2/get/cards/list", CancellationToken.None);
        }

        Assert.True(MarketplaceRetryAfter.IsWaitedOut(MarketplaceRetryAfter.MaxWait - TimeSpan.FromSeconds(5)));
        Assert.False(MarketplaceRetryAfter.IsWaitedOut(MarketplaceRetryAfter.MaxWait));
    }

    [Fact]
    public async Task ARequestWaitingForATokenWhenTheConnectorClosesFailsSayingSoNotThatTheQueueIsFull()
    {
        // Funnel tokens every 8 s here: the fourth request of the call waits, within its 10 s budget.
        var limits = new WildberriesRateLimits(timeScale: 0.4);
        using var call = MarketplaceRetryAfter.BeginCall();
        for (var i = 0; i < 3; i++)
        {
            await limits.AcquireAsync(WildberriesMethodGroup.Analytics, "POST /api/v2/nm-report/detail", CancellationToken.None);
        }

        var fourth = limits.AcquireAsync(WildberriesMethodGroup.Analytics, "POST /api/v2/nm-report/detail", CancellationToken.None).AsTask();
        await limits.DisposeAsync();

        var error = await Assert.ThrowsAsync<WildberriesApiException>(() => fourth);
        Assert.Contains("gave no permit: too many requests of this shop are queued, or the connector was closed", error.Message, StringComparison.Ordinal);
    }

    private static async Task<(int Status, string? Error)> PostAsync(HttpClient http, string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("/api/v2/upload/task", UriKind.Relative), content);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, body.RootElement.GetProperty("errorText").GetString() is { Length: > 0 } error && (int)response.StatusCode != 208 ? error : null);
    }
}
