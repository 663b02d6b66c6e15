using System.Net;
using System.Text.Json;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

/// <summary>One circuit breaker per configured shop: a shop whose account is broken never stops its plugin's other shops.</summary>
public sealed class ShopBreakerTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task AShopWhoseCallsAllFailIsSuspendedAloneWhileTheOtherShopOfItsPluginSyncsAndGetsItsActionsApplied()
    {
        using var data = new TempFolder();
        using var scripts = new TempFolder();
        File.Copy(Path.Combine(RepoPaths.Scripts, "min-margin.csx"), Path.Combine(scripts.Path, "min-margin.csx"));
        var brokenAccount = Path.Combine(data.Path, "broken-account");
        File.WriteAllText(brokenAccount, "");
        var healthyCost = Path.Combine(data.Path, "healthy-cost");
        var wrongKey = "wrong-key-" + Guid.NewGuid().ToString("N");
        await using var host = await HostProcess.StartWithScriptsAsync(data.Path, scripts.Path,
        [
            .. TestShops.Host(
                TestShops.Shop(0, "broken", wrongKey, ("Settings:LeakFile", brokenAccount)),
                // Pulled seldom, so that on a breaker shared by the plugin the broken shop's failures outnumber its successes.
                TestShops.Shop(1, "healthy", "key-healthy-" + Guid.NewGuid().ToString("N"), ("Settings:CostFile", healthyCost), ("Sync:PollIntervalMilliseconds", "8000"))),
            "--Marketpilot:Plugins:Runtime:MinimumThroughput=2",
            "--Marketpilot:Plugins:Runtime:BreakDurationMilliseconds=600000",
            "--Marketpilot:Actions:RetryDelayMilliseconds=200", "--Marketpilot:Actions:RetryPollMilliseconds=200",
        ]);
        await host.EventuallyAsync(() => ShopTests.SkuAsync(host, "healthy", "sku-1"), Generous, "the healthy shop's first pull");
        await host.EventuallyAsync(() => PullFailures(host, "testshop/broken") >= 4, Generous, "four failed pulls of the broken shop");

        // Its cost rises after the broken shop's breaker opened: min-margin raises its prices, through the same plugin.
        File.WriteAllText(healthyCost, "950");
        var applied = Path.Combine(TestShops.StateFolder(data.Path, "healthy"), "applied.txt");
        await host.EventuallyAsync(() => File.Exists(applied), Generous, "the healthy shop's price action applied by its connector");

        var shops = (await host.GetJsonAsync<JsonElement>("/api/v1/shops")).EnumerateArray().ToDictionary(s => s.GetProperty("shopId").GetString()!);
        var broken = shops["broken"].GetProperty("breaker");
        Assert.Equal("ready", shops["broken"].GetProperty("status").GetString());
        Assert.Equal("open", broken.GetProperty("state").GetString());
        Assert.Equal("pull threw ScrubbedPluginException: InvalidOperationException: pull refused", broken.GetProperty("reason").GetString());
        Assert.True(broken.GetProperty("until").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(5), $"the breaker opens until {broken.GetProperty("until")}");
        Assert.Equal("closed", shops["healthy"].GetProperty("breaker").GetProperty("state").GetString());
        var plugin = (await host.GetJsonAsync<JsonElement>("/api/v1/plugins")).EnumerateArray().Single(p => p.GetProperty("id").GetString() == TestShops.PluginId);
        Assert.Equal("loaded", plugin.GetProperty("status").GetString());
        var ready = await host.Client.GetAsync("/health/ready");
        var check = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "plugins");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.Contains("1 of 2 shops have their breaker open", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        var metrics = await (await host.Client.GetAsync("/metrics")).Content.ReadAsStringAsync();
        Assert.Contains("shop=\"testshop/broken\"", metrics, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^marketpilot_plugins_shop_breakers_open(\{[^}]*\})? 1( |$)", metrics);
        Assert.DoesNotContain(wrongKey, await (await host.Client.GetAsync("/api/v1/shops")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AShopWhoseMarketplaceAsksForAPauseIsPulledAgainOnlyAfterItWithItsBreakerClosed()
    {
        using var data = new TempFolder();
        var pause = Path.Combine(data.Path, "rate-limited");
        File.WriteAllText(pause, "5");
        await using var host = await HostProcess.StartAsync(data.Path,
        [
            .. TestShops.Host(TestShops.Shop(0, "busy", "key-busy-" + Guid.NewGuid().ToString("N"), ("Settings:RateLimitedFile", pause))),
            "--Marketpilot:Plugins:Runtime:MinimumThroughput=2",
        ]);

        await host.EventuallyAsync(() => Pauses(host).Count >= 3, Generous, "three pulls of the busy shop asked to pause");
        File.Delete(pause);
        await host.EventuallyAsync(() => ShopTests.SkuAsync(host, "busy", "sku-1"), Generous, "the busy shop's pull once it may call again");

        // Told apart from a failure: at Information, with the marketplace's words, and no fault in the log.
        Assert.Equal(
            ["(1 in a row); pulling again in 00:00:05", "(2 in a row); pulling again in 00:00:05", "(3 in a row); pulling again in 00:00:05"],
            Pauses(host).Take(3).Select(line => line[line.IndexOf('(', StringComparison.Ordinal)..line.IndexOf(": ", StringComparison.Ordinal)]));
        Assert.All(Pauses(host), line => Assert.Contains("INF] testshop/busy asked to pause", line, StringComparison.Ordinal));
        Assert.Contains("asked to wait 5 s", Pauses(host)[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Pulling from testshop/busy failed", host.Output, StringComparison.Ordinal);
        var shop = (await host.GetJsonAsync<JsonElement>("/api/v1/shops")).EnumerateArray().Single();
        Assert.Equal("closed", shop.GetProperty("breaker").GetProperty("state").GetString());
        Assert.DoesNotContain("is suspended", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PausesInARowThatAskForNoWaitAreBackedOffMoreEachTime()
    {
        using var data = new TempFolder();
        var pause = Path.Combine(data.Path, "rate-limited");
        File.WriteAllText(pause, "0");
        await using var host = await HostProcess.StartAsync(data.Path, TestShops.Host(TestShops.Shop(0, "busy", "key-busy-" + Guid.NewGuid().ToString("N"), ("Settings:RateLimitedFile", pause))));

        await host.EventuallyAsync(() => Pauses(host).Count >= 3, Generous, "three pulls of the busy shop asked to pause");

        Assert.Equal(
            ["(1 in a row); pulling again in 00:00:00.5000000", "(2 in a row); pulling again in 00:00:01", "(3 in a row); pulling again in 00:00:02"],
            Pauses(host).Take(3).Select(line => line[line.IndexOf('(', StringComparison.Ordinal)..line.IndexOf(": ", StringComparison.Ordinal)]));
    }

    private static int PullFailures(HostProcess host, string loop) =>
        host.Output.Split('\n').Count(line => line.Contains($"Pulling from {loop} failed", StringComparison.Ordinal));

    private static List<string> Pauses(HostProcess host) =>
        [.. host.Output.Split('\n').Where(line => line.Contains("testshop/busy asked to pause before the next pull", StringComparison.Ordinal))];
}
