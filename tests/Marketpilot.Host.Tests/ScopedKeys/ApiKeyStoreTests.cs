extern alias host;

using host::Marketpilot.Host.Hosting;
using Marketpilot.Host.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Tests.ScopedKeys;

public sealed class ApiKeyStoreTests : IDisposable
{
    private readonly TempFolder _data = new();

    [Fact]
    public void EachKeyFindsWhatItGrants()
    {
        var store = Store(new ApiOptions
        {
            Keys = ["admin-key"],
            ScopedKeys = [new() { Key = "shop-key", Shops = ["ozon/1", "wildberries/2"] }, new() { Key = "viewer-key", Shops = ["ozon/1"], ReadOnly = true }],
        });

        var admin = store.Find("admin-key");
        var scoped = store.Find("shop-key");
        var viewer = store.Find("viewer-key");

        Assert.True(admin!.IsAdmin && !admin.ReadOnly && admin.CanSee("kaspi", "7"));
        Assert.Equal("Marketpilot:Api:ScopedKeys:0", scoped!.Name);
        Assert.False(scoped.IsAdmin);
        Assert.True(scoped.CanSee("ozon", "1") && scoped.CanSee("wildberries", "2"));
        Assert.False(scoped.CanSee("ozon", "2") || scoped.CanSee("OZON", "1"));
        Assert.True(viewer!.ReadOnly && viewer.CanSee("ozon", "1"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("shop-ke")]
    [InlineData("shop-key-and-more")]
    [InlineData("SHOP-KEY")]
    public void AnythingButAConfiguredKeyFindsNothing(string? presented)
    {
        var store = Store(new ApiOptions { Keys = ["admin-key"], ScopedKeys = [new() { Key = "shop-key", Shops = ["ozon/1"] }] });

        Assert.Null(store.Find(presented));
    }

    [Fact]
    public void WithOnlyScopedKeysTheDataFolderKeyIsTheAdminKey()
    {
        var store = Store(new ApiOptions { ScopedKeys = [new() { Key = "shop-key", Shops = ["ozon/1"] }] });

        var generated = File.ReadAllText(Path.Combine(_data.Path, "api-key")).Trim();

        Assert.True(store.Find(generated)!.IsAdmin);
        Assert.False(store.Find("shop-key")!.IsAdmin);
    }

    public void Dispose() => _data.Dispose();

    private ApiKeyStore Store(ApiOptions api) =>
        new(Options.Create(api), Options.Create(new MarketpilotOptions { DataPath = _data.Path }), NullLogger<ApiKeyStore>.Instance);
}
