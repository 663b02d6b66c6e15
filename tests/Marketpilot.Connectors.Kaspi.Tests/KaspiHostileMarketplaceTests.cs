using Marketpilot.Connectors.Kaspi.Api;
using Marketpilot.Connectors.Kaspi.Tests.Support;
using Marketpilot.Emulators.Hosting;

namespace Marketpilot.Connectors.Kaspi.Tests;

public sealed class KaspiHostileMarketplaceTests
{
    [Fact]
    public async Task ARedirectToAnotherHostIsNotFollowedWithTheToken()
    {
        await using var shop = await KaspiShop.StartAsync();
        await using var marketplace = await HostileServer.StartNewAsync();
        await using var elsewhere = await HostileServer.StartNewAsync();
        shop.Settings["BaseUrl"] = new Uri(marketplace.BaseAddress, "shop/api").ToString();
        marketplace.RedirectTo(elsewhere.BaseAddress);

        var error = await Assert.ThrowsAsync<KaspiApiException>(() => shop.Connect().PullAsync(null, CancellationToken.None));

        Assert.Contains("HTTP 307: a redirect to", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(marketplace.Received);
        Assert.Empty(elsewhere.Received);
    }
}
