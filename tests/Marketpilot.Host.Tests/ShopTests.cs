using System.Net;
using System.Text.Json;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

public sealed class ShopTests
{
    [Fact]
    public async Task TwoShopsOfOneMarketplaceGetTheirOwnConnectorStateFolderAndSyncWhileAFailingShopIsListedWithItsReason()
    {
        using var data = new TempFolder();
        var secretA = "secret-a-" + Guid.NewGuid().ToString("N");
        var secretB = "secret-b-" + Guid.NewGuid().ToString("N");
        await using var host = await HostProcess.StartAsync(data.Path, TestShops.Host(
            TestShops.Shop(0, "a", secretA, ("Settings:SkuCount", "2"), ("TimeZone", "Asia/Almaty"), ("Guardrails:MinMargin", "0.3")),
            TestShops.Shop(1, "b", secretB, ("Settings:SkuCount", "3"), ("Sync:PollIntervalMilliseconds", "300")),
            TestShops.Shop(2, "broken", null)));

        Assert.Equal($"a {TestShops.Fingerprint(secretA)}", await File.ReadAllTextAsync(Path.Combine(TestShops.StateFolder(data.Path, "a"), "connector.txt")));
        Assert.Equal($"b {TestShops.Fingerprint(secretB)}", await File.ReadAllTextAsync(Path.Combine(TestShops.StateFolder(data.Path, "b"), "connector.txt")));

        // Each shop's loop records its own SKUs: two for a, three for b, none for the shop that failed.
        await host.EventuallyAsync(() => SkuAsync(host, "a", "sku-2"), TimeSpan.FromSeconds(60), "shop a's sku-2");
        await host.EventuallyAsync(() => SkuAsync(host, "b", "sku-3"), TimeSpan.FromSeconds(60), "shop b's sku-3");
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/api/v1/skus/testshop/a/sku-3")).StatusCode);

        var shops = (await host.GetJsonAsync<JsonElement>("/api/v1/shops")).EnumerateArray().ToDictionary(s => s.GetProperty("shopId").GetString()!);
        Assert.Equal(3, shops.Count);
        Assert.Equal("ready", shops["a"].GetProperty("status").GetString());
        Assert.Equal(TestShops.PluginId, shops["a"].GetProperty("connector").GetString());
        Assert.Equal("Asia/Almaty", shops["a"].GetProperty("timeZone").GetString());
        Assert.Equal("KZT", shops["a"].GetProperty("currency").GetString());
        Assert.Equal("2", shops["a"].GetProperty("settings").GetProperty("SkuCount").GetString());
        Assert.Equal("***", shops["a"].GetProperty("credentials").GetProperty("ApiKey").GetString());
        Assert.True(shops["a"].GetProperty("servesFeed").GetBoolean());
        Assert.Equal(200, shops["a"].GetProperty("sync").GetProperty("pollIntervalMilliseconds").GetInt32());
        Assert.Equal(300, shops["b"].GetProperty("sync").GetProperty("pollIntervalMilliseconds").GetInt32());
        Assert.Equal("ready", shops["b"].GetProperty("status").GetString());
        Assert.Equal("failed", shops["broken"].GetProperty("status").GetString());
        Assert.Contains("Credentials:ApiKey is missing", shops["broken"].GetProperty("reason").GetString());
        Assert.False(shops["broken"].GetProperty("sync").GetProperty("enabled").GetBoolean());

        // The shop's configured guardrails are its defaults; the host-wide ones still fill in what it does not set.
        var guardrails = await host.GetJsonAsync<JsonElement>("/api/v1/shops/testshop/a/guardrails");
        Assert.False(guardrails.GetProperty("custom").GetBoolean());
        Assert.Equal(0.3m, guardrails.GetProperty("guardrails").GetProperty("minMargin").GetDecimal());
        Assert.Equal(0.25m, guardrails.GetProperty("guardrails").GetProperty("maxPriceChangePerAction").GetDecimal());
        var other = await host.GetJsonAsync<JsonElement>("/api/v1/shops/testshop/b/guardrails");
        Assert.Equal(0m, other.GetProperty("guardrails").GetProperty("minMargin").GetDecimal());
    }

    [Fact]
    public async Task SecretsAppearNeitherInTheShopsListNorInThePluginsListNorInTheLogs()
    {
        using var data = new TempFolder();
        var secret = "top-secret-" + Guid.NewGuid().ToString("N");
        // The shop that fails is given the secret too: its reason must not carry it either.
        await using var host = await HostProcess.StartAsync(data.Path, TestShops.Host(
            TestShops.Shop(0, "a", secret),
            TestShops.Shop(1, "wrong-plugin", secret, ("Connector", "no-such-plugin"))));
        await host.EventuallyAsync(() => SkuAsync(host, "a", "sku-1"), TimeSpan.FromSeconds(60), "shop a's sku-1");

        var shops = await (await host.Client.GetAsync("/api/v1/shops")).Content.ReadAsStringAsync();
        var plugins = await (await host.Client.GetAsync("/api/v1/plugins")).Content.ReadAsStringAsync();
        var cli = await Cli.RunAsync(
            new Dictionary<string, string>
            {
                ["Marketpilot__Shops__0__Marketplace"] = TestShops.Marketplace,
                ["Marketpilot__Shops__0__ShopId"] = "a",
                ["Marketpilot__Shops__0__Currency"] = "KZT",
                ["Marketpilot__Shops__0__Credentials__ApiKey"] = secret,
            },
            "plugins", "list", "--plugins", TestShops.PluginsFolder);
        await host.StopAsync();

        Assert.Contains("\"ApiKey\":\"***\"", shops);
        Assert.Contains("no plugin 'no-such-plugin' is loaded", shops);
        Assert.Contains(TestShops.PluginId, plugins);
        Assert.Contains(TestShops.PluginId, cli.StdOut);
        var logs = string.Concat(Directory.GetFiles(data.Path, "*.log", SearchOption.AllDirectories).Select(File.ReadAllText));
        foreach (var (what, text) in new[] { ("GET /api/v1/shops", shops), ("GET /api/v1/plugins", plugins), ("plugins list", cli.StdOut + cli.StdErr), ("the host's output", host.Output), ("the log files", logs) })
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{what} shows the secret");
        }
    }

    [Fact]
    public async Task AShopConfigurationErrorStopsTheStartNamingTheKey()
    {
        using var data = new TempFolder();
        var result = await Cli.RunAsync([
            "--data", data.Path, "--urls", $"http://127.0.0.1:{HostProcess.FreePort()}", .. TestShops.Host(
            TestShops.Shop(0, "a", "k", ("Currency", "tenge"), ("TimeZone", "Mars/Olympus")),
            TestShops.Shop(1, "a", "k"))]);

        Assert.NotEqual(0, result.ExitCode);
        var output = result.StdOut + result.StdErr;
        Assert.Contains("Marketpilot:Shops:0:Currency 'tenge' is not an ISO 4217 code", output);
        Assert.Contains("Marketpilot:Shops:0:TimeZone 'Mars/Olympus' is not a known IANA time zone", output);
    }

    internal static async Task<JsonElement?> SkuAsync(HostProcess host, string shopId, string sku)
    {
        var response = await host.Client.GetAsync($"/api/v1/skus/{TestShops.Marketplace}/{shopId}/{sku}");
        return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone() : null;
    }
}
