using System.Net;
using Marketpilot.Host.Tests.Support;
using Marketpilot.Host.Tests.WebConsole;

namespace Marketpilot.Host.Tests;

/// <summary>
/// Marketplace ids with a slash or a percent sign (Ozon offer ids may hold either) can be read back by the routes that
/// name them, in the API and in the console, once their client encodes them as a URL segment.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class EncodedIdTests(HostFixture fixture)
{
    private HostProcess Host => fixture.Host;

    [Theory]
    [InlineData("AB/")]
    [InlineData("AB%2F")]
    [InlineData("50%")]
    [InlineData("a b+c/")]
    public async Task ASkuWhoseIdNeedsEncodingIsReadBackByTheApiAndTheConsole(string prefix)
    {
        var unique = Some.SkuId();
        var id = prefix + unique;
        await Answers.JsonAsync(await Host.PostJsonAsync("/api/v1/skus", Some.Array(Some.Sku(id))), HttpStatusCode.Accepted);
        using var console = new ConsoleClient(Host.BaseAddress);
        await console.SignInAsync(Host.ApiKey);

        var stored = await Answers.JsonAsync(await Host.Client.GetAsync($"/api/v1/skus/ozon/shop-1/{Uri.EscapeDataString(id)}"), HttpStatusCode.OK);
        var page = await console.PageAsync($"/console/skus/ozon/shop-1/{Uri.EscapeDataString(id)}");

        Assert.Equal(id, stored.GetProperty("snapshot").GetProperty("sku").GetString());
        Assert.Contains(unique, page, StringComparison.Ordinal);
    }
}
