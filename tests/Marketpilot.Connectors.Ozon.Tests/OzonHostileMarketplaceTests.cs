using Marketpilot.Connectors.Ozon.Http;
using Marketpilot.Connectors.Ozon.Tests.Support;
using Marketpilot.Emulators.Hosting;

namespace Marketpilot.Connectors.Ozon.Tests;

public sealed class OzonHostileMarketplaceTests() : OzonShopTests(products: 3)
{
    [Fact]
    public async Task ARedirectToAnotherHostIsNotFollowedWithTheShopsCredentials()
    {
        await using var marketplace = await HostileServer.StartNewAsync();
        await using var elsewhere = await HostileServer.StartNewAsync();
        marketplace.RedirectTo(elsewhere.BaseAddress);

        var error = await Assert.ThrowsAsync<OzonApiException>(() => Connector(marketplace).PullAsync(null, CancellationToken.None));

        Assert.Contains("answered 307: Ozon answered with a redirect", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(marketplace.Received);
        Assert.Empty(elsewhere.Received);
    }

    [Fact]
    public async Task ARelativeRedirectIsNamedWithoutItsQueryAndNotFollowed()
    {
        await using var marketplace = await HostileServer.StartNewAsync();
        marketplace.Answer = context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "/v9/elsewhere?token=secret-in-query";
            return Task.CompletedTask;
        };

        var error = await Assert.ThrowsAsync<OzonApiException>(() => Connector(marketplace).PullAsync(null, CancellationToken.None));

        Assert.Contains("a redirect to /v9/elsewhere, which the connector does not follow", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-in-query", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(marketplace.Received, r => r.Path.StartsWith("/v9", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABodyOfHundredsOfMegabytesFailsTheCallAtTheConnectorsLimit()
    {
        await using var marketplace = await HostileServer.StartNewAsync();
        marketplace.Answer = async context =>
        {
            context.Response.ContentType = "application/json";
            var chunk = new byte[1024 * 1024];
            Array.Fill(chunk, (byte)' ');
            for (var i = 0; i < 512 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        };
        var quotas = OzonTestShop.FastQuotas with { MaxResponseBytes = 4L * 1024 * 1024, AttemptTimeout = TimeSpan.FromSeconds(60) };

        var error = await Assert.ThrowsAsync<OzonApiException>(() => Connector(marketplace, quotas).PullAsync(null, CancellationToken.None));

        Assert.Contains("POST /v3/product/list failed: the answer is larger than the 4 MB any answer of this API may have", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(marketplace.Received, r => r.Path.StartsWith("/v9", StringComparison.Ordinal));
    }

    private OzonConnector Connector(HostileServer marketplace, OzonQuotas? quotas = null) =>
        new OzonConnectorFactory(Shop.Time, Shop.Logs).Create(
            Shop.Connection(ads: false, edit: v => v["Settings:SellerBaseUrl"] = marketplace.BaseAddress.ToString()),
            quotas ?? OzonTestShop.FastQuotas,
            null);
}
