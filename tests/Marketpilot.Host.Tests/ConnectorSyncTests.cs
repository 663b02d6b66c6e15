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

    [Fact]
    public async Task ASkuWhoseTitleIsNotPlainTextIsRecordedWithItsTextCleanedAndItsNumbersKept()
    {
        using var data = new TempFolder();
        var titleFile = Path.Combine(data.Path, "title.txt");
        // What a seller may type in a cabinet: a control character, a non-character, far too many characters.
        var typed = "Bell\u0001ding \uFFFF " + new string('x', 3_000);
        await File.WriteAllTextAsync(titleFile, typed);
        await using var host = await HostProcess.StartAsync(data.Path, TestShops.Host(
            TestShops.Shop(0, "a", "key-a-" + Guid.NewGuid().ToString("N"), ("Settings:SkuCount", "2"), ("Settings:TitleFile", titleFile))));

        var sku = await host.EventuallyAsync(() => ShopTests.SkuAsync(host, "a", "sku-1"), TimeSpan.FromSeconds(60), "shop a's sku-1");
        var snapshot = sku.GetProperty("snapshot");
        var title = snapshot.GetProperty("title").GetString()!;

        Assert.Equal(1001m, snapshot.GetProperty("price").GetDecimal());
        Assert.StartsWith("Bell ding \uFFFD xxx", title, StringComparison.Ordinal);
        Assert.Equal(2_000, title.Length);
        Assert.EndsWith("x\u2026", title, StringComparison.Ordinal);
        // Logged after the page is recorded, and the host's output arrives through a pipe: waited for, not read at once.
        await host.EventuallyAsync(
            () => host.Output.Contains("Cleaned the text of 1 item(s) pulled from testshop/a", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the cleaning logged");
        Assert.DoesNotContain("returned an invalid item", host.Output, StringComparison.Ordinal);
    }
}
