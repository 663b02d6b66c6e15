using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

public sealed class ConnectorSyncTests
{
    [Fact]
    public async Task AConnectorWhosePagesLeadBackToTheirOwnCursorIsBackedOffWhileTheOtherShopKeepsSyncing()
    {
        using var data = new TempFolder();
        await using var host = await HostProcess.StartAsync(data.Path, TestShops.Host(
            TestShops.Shop(0, "stuck", "key-stuck-" + Guid.NewGuid().ToString("N"), ("Settings:RepeatCursor", "again")),
            TestShops.Shop(1, "b", "key-b-" + Guid.NewGuid().ToString("N"), ("Settings:SkuCount", "2"))));

        await host.EventuallyAsync(
            () => host.Output.Contains("more to come from cursor 'again', which this pass already pulled from", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the stuck shop's repeated cursor refused");
        await host.EventuallyAsync(() => ShopTests.SkuAsync(host, "b", "sku-2"), TimeSpan.FromSeconds(60), "shop b's sku-2");
        var pulls = await File.ReadAllLinesAsync(Path.Combine(TestShops.StateFolder(data.Path, "stuck"), "pulls.txt"));

        Assert.Equal(["(start)", "again"], pulls[..2]);
        Assert.True(pulls.Length < 20, $"the stuck shop was pulled {pulls.Length} times");
    }
}
