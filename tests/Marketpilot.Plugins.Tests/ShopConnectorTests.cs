using Marketpilot.Plugins.Tests.Support;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;

namespace Marketpilot.Plugins.Tests;

public sealed class ShopConnectorTests : IDisposable
{
    private const string Folder = "shops";
    private readonly PluginsFolder _plugins = new();
    private readonly string _data = Directory.CreateTempSubdirectory("marketpilot-data-").FullName;

    [Fact]
    public void EachShopGetsAGuardedFeedCapableConnectorInItsOwnStateFolderAndAShopThatCannotBeCreatedIsFailedWithTheReason()
    {
        _plugins.With(PluginsFolder.Shops, Folder);
        var (registry, _) = TestHost.LoadPluginsWithData(_plugins.Path, _data,
        [
            .. Shop(0, "a", ("Credentials:ApiKey", "key-a")),
            .. Shop(1, "b", ("Credentials:ApiKey", "key-b")),
            .. Shop(2, "no-key"),
            .. Shop(3, "elsewhere", ("Credentials:ApiKey", "key-c"), ("Connector", "not-loaded")),
        ]);

        var shops = registry.Shops.ToDictionary(s => s.Definition.ShopId);
        Assert.True(shops["a"].Ready);
        Assert.True(shops["b"].Ready);
        Assert.NotSame(shops["a"].Connector, shops["b"].Connector);
        Assert.IsAssignableFrom<IOfferFeedSource>(shops["a"].Connector);
        Assert.Equal("test-shops", Assert.IsAssignableFrom<IPluginComponent>(shops["a"].Connector).PluginId);
        Assert.Equal(Path.Combine(_data, "test-shops", "testshop-a"), shops["a"].StateDirectory);
        Assert.StartsWith("a ", File.ReadAllText(Path.Combine(_data, "test-shops", "testshop-a", "connector.txt")));
        Assert.False(shops["no-key"].Ready);
        Assert.Equal("plugin 'test-shops' refused its configuration: Credentials:ApiKey is missing. (Parameter 'shop')", shops["no-key"].FailureReason);
        Assert.Equal("no plugin 'not-loaded' is loaded (Marketpilot:Shops:3:Connector)", shops["elsewhere"].FailureReason);
        Assert.Empty(registry.Connectors); // a factory serves shops, not the whole marketplace
    }

    [Fact]
    public async Task AShopsCredentialsNeverLeaveItsConnectorInWhatThePluginSays()
    {
        var leak = BrokenAccount();
        // One failed pull of two calls opens the shop's breaker, whose reason (logged, and shown by GET /api/v1/shops and the console) quotes the last failure.
        var (registry, catalog) = TestHost.LoadPluginsWithData(_plugins.Path, _data,
            [.. Shop(0, "a", ("Credentials:ApiKey", "secret-key-a"), ("Settings:LeakFile", leak)), ("Marketpilot:Plugins:Runtime:MinimumThroughput", "2")]);
        var connector = registry.Shops.Single().Connector!;

        var refused = await connector.ApplyAsync([new ActionRequest("k-1", new Marketpilot.Sdk.Catalog.SkuKey("testshop", "a", "sku-1"), new SetPrice(1200m) { Reason = "test" })], CancellationToken.None);
        var pull = await Assert.ThrowsAsync<ScrubbedPluginException>(() => connector.PullAsync(null, CancellationToken.None));
        var rejected = await Assert.ThrowsAsync<PluginFaultedException>(() => connector.PullAsync(null, CancellationToken.None));

        Assert.Equal("InvalidOperationException: pull refused", pull.Message);
        Assert.Null(pull.InnerException);
        Assert.Equal("key *** may not change prices", Assert.Single(refused).Reason);
        var breaker = registry.Shops.Single().Breaker!;
        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.Equal("pull threw ScrubbedPluginException: InvalidOperationException: pull refused", breaker.Reason);
        Assert.DoesNotContain("secret-key-a", rejected.Message, StringComparison.Ordinal);
        Assert.Equal((PluginStatus.Loaded, null), (catalog.Find("test-shops")!.Status, catalog.Find("test-shops")!.Reason));
    }

    [Fact]
    public async Task AShopWhoseCallsAllFailIsSuspendedAloneWhileThePluginsOtherShopKeepsPullingAndApplying()
    {
        var leak = BrokenAccount();
        var (registry, catalog) = TestHost.LoadPluginsWithData(_plugins.Path, _data,
        [
            .. Shop(0, "broken", ("Credentials:ApiKey", "wrong-key-broken"), ("Settings:LeakFile", leak)),
            .. Shop(1, "healthy", ("Credentials:ApiKey", "key-healthy")),
            ("Marketpilot:Plugins:Runtime:MinimumThroughput", "2"),
        ]);
        var shops = registry.Shops.ToDictionary(s => s.Definition.ShopId);

        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => shops["broken"].Connector!.PullAsync(null, CancellationToken.None));
        }

        var page = await shops["healthy"].Connector!.PullAsync(null, CancellationToken.None);
        var applied = await shops["healthy"].Connector!.ApplyAsync([new ActionRequest("k-1", new Marketpilot.Sdk.Catalog.SkuKey("testshop", "healthy", "sku-1"), new SetPrice(1200m))], CancellationToken.None);
        Assert.Equal(3, page.Skus.Count);
        Assert.Equal(ActionResultStatus.Applied, Assert.Single(applied).Status);
        Assert.Equal(CircuitState.Open, shops["broken"].Breaker!.State);
        Assert.Equal(BreakerState.Closed, shops["healthy"].Breaker);
        Assert.Equal(PluginStatus.Loaded, catalog.Find("test-shops")!.Status);
    }

    [Fact]
    public async Task AReloadedPluginCreatesItsShopsConnectorsAgain()
    {
        _plugins.With(PluginsFolder.Shops, Folder).WithManifestChange(Folder, "version", "1.0.0");
        var (registry, _) = TestHost.LoadPluginsWithData(_plugins.Path, _data, [.. Shop(0, "a", ("Credentials:ApiKey", "key-a"))]);
        var before = registry.Shops.Single().Connector;

        _plugins.Replace(Folder, PluginsFolder.Shops).WithManifestChange(Folder, "version", "2.0.0");
        await registry.ReloadAsync(Folder);

        var after = registry.Shops.Single().Connector;
        Assert.NotNull(after);
        Assert.NotSame(before, after);
        Assert.Equal("2.0.0", ((IPluginComponent)after).PluginVersion);
    }

    [Fact]
    public void BadShopEntriesAreReportedWithTheirKeyPath()
    {
        var options = new Shops.ShopsOptions();
        options.Load(TestHost.Configuration(_plugins.Path,
        [
            .. Shop(0, "a", ("Currency", "rub"), ("TimeZone", "Europe/Moskow")),
            .. Shop(1, "b"),
            .. Shop(2, "b"),
            ("Marketpilot:Shops:3:Marketplace", "newmarket"),
            ("Marketpilot:Shops:3:ShopId", "../x"),
        ]));

        Assert.Equal(
        [
            "Marketpilot:Shops:0:Currency 'rub' is not an ISO 4217 code (three upper-case letters such as RUB or KZT).",
            "Marketpilot:Shops:0:TimeZone 'Europe/Moskow' is not a known IANA time zone (for example Europe/Moscow or Asia/Almaty).",
            "Marketpilot:Shops:2: the shop testshop/b is already configured at Marketpilot:Shops:1.",
            "Marketpilot:Shops:3:ShopId '../x' must be 1 to 64 letters, digits, '.', '_' or '-', not starting with '.'.",
            "Marketpilot:Shops:3:Currency is required for marketplace 'newmarket' (an ISO 4217 code such as RUB or KZT).",
        ], options.Problems);
    }

    // The file whose presence makes the test connector's pulls throw with its API key in the text, with the plugin in place.
    private string BrokenAccount()
    {
        var leak = Path.Combine(_data, "leak");
        File.WriteAllText(leak, "");
        _plugins.With(PluginsFolder.Shops, Folder);
        return leak;
    }

    public void Dispose()
    {
        _plugins.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    private static IEnumerable<(string Key, string Value)> Shop(int index, string shopId, params (string Key, string Value)[] more) =>
        [($"Marketpilot:Shops:{index}:Marketplace", "testshop"), ($"Marketpilot:Shops:{index}:ShopId", shopId), ($"Marketpilot:Shops:{index}:Currency", "KZT"), .. more.Select(m => ($"Marketpilot:Shops:{index}:{m.Key}", m.Value))];
}
