using Marketpilot.Connectors.Wildberries.Http;
using Marketpilot.Connectors.Wildberries.Tests.Support;
using Marketpilot.Emulators.Hosting;
using Marketpilot.Sdk.Connectors;
using Microsoft.AspNetCore.Http;

namespace Marketpilot.Connectors.Wildberries.Tests;

public sealed class WildberriesHostileMarketplaceTests
{
    [Fact]
    public async Task ARedirectToAnotherHostIsNotFollowed()
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 3);
        await using var marketplace = await HostileServer.StartNewAsync();
        await using var elsewhere = await HostileServer.StartNewAsync();
        marketplace.RedirectTo(elsewhere.BaseAddress);

        var error = await Assert.ThrowsAsync<WildberriesApiException>(() => Connector(shop, marketplace).PullAsync(null, CancellationToken.None));

        Assert.Contains("answered 307: a redirect to", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(marketplace.Received);
        Assert.Empty(elsewhere.Received);
    }

    [Theory]
    [InlineData("Retry-After", "1000000000")]
    [InlineData("X-Ratelimit-Retry", "1000000000")]
    [InlineData("X-Ratelimit-Retry", "1e300")]
    public async Task AnAbsurdWaitAskedFailsTheCallAtOnceSayingSo(string header, string value)
    {
        await using var shop = await WildberriesShop.StartAsync(itemCount: 3);
        await using var marketplace = await HostileServer.StartNewAsync();
        marketplace.Answer = context =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers[header] = value;
            return Task.CompletedTask;
        };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var error = await Assert.ThrowsAsync<MarketplaceRateLimitedException>(() => Connector(shop, marketplace).PullAsync(null, deadline.Token));

        Assert.Contains("answered 429 and asked to wait 31536000 s, longer than the connector still waits within this call", error.Message, StringComparison.Ordinal);
        Assert.Single(marketplace.Received);
    }

    private static WildberriesConnector Connector(WildberriesShop shop, HostileServer marketplace) =>
        shop.Connector(settings: WildberriesSettings.BaseUrlDefaults.Keys.ToDictionary(k => k, _ => (string?)marketplace.BaseAddress.ToString()));
}
