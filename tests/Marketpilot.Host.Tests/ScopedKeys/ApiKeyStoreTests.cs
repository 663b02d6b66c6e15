extern alias host;

using host::Marketpilot.Host.Hosting;
using Marketpilot.Host.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;
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

    [Fact]
    public void AGeneratedKeyIsLoggedByWhereItIsNeverByItsValue()
    {
        var logger = new RecordingLogger();

        _ = new ApiKeyStore(Options.Create(new ApiOptions()), Options.Create(new MarketpilotOptions { DataPath = _data.Path }), logger);

        var generated = File.ReadAllText(Path.Combine(_data.Path, "api-key")).Trim();
        Assert.Contains(logger.Said, said => said.Contains(Path.Combine(_data.Path, "api-key"), StringComparison.Ordinal));
        Assert.All(logger.Said, said => Assert.DoesNotContain(generated, said, StringComparison.Ordinal));
    }

    public void Dispose() => _data.Dispose();

    private ApiKeyStore Store(ApiOptions api) =>
        new(Options.Create(api), Options.Create(new MarketpilotOptions { DataPath = _data.Path }), NullLogger<ApiKeyStore>.Instance);

    // Each message as written, and every value of its structured state (what a structured sink would keep).
    private sealed class RecordingLogger : ILogger<ApiKeyStore>
    {
        public List<string> Said { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Said.Add(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                Said.AddRange(values.Select(v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
            }
        }
    }
}
