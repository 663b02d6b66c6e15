using Marketpilot.Emulators.Kaspi;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Configuration;

namespace Marketpilot.Connectors.Kaspi.Tests.Support;

/// <summary>A Kaspi shop for one test: the emulator on loopback, a state folder, a stopped clock, captured logs, and connectors made by the real factory.</summary>
public sealed class KaspiShop : IAsyncDisposable
{
    private readonly StateFolder _state = new();
    private readonly List<KaspiConnector> _connectors = [];

    private KaspiShop()
    {
        Emulator.Now = () => Clock.Now;
    }

    public KaspiEmulator Emulator { get; } = new();

    public TestClock Clock { get; } = new(Some.Now);

    public CapturedLogs Logs { get; } = new();

    public string StateDirectory => _state.Path;

    /// <summary>The shop's settings; a test may change them before <see cref="Connect"/>.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["MerchantId"] = "30322748",
        ["CompanyName"] = "Marketpilot Test LLP",
        ["StoreIds"] = "PP1,PP2",
    };

    public static async Task<KaspiShop> StartAsync()
    {
        var shop = new KaspiShop();
        await shop.Emulator.StartAsync();
        shop.Settings["BaseUrl"] = shop.Emulator.ApiBaseUrl.ToString();
        return shop;
    }

    public ShopConnection Connection(string? token = null) => new()
    {
        Marketplace = "kaspi",
        ShopId = Some.ShopId,
        Currency = "KZT",
        TimeZone = "Asia/Almaty",
        Settings = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build(),
        Credentials = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Token"] = token ?? Emulator.Token }).Build(),
        StateDirectory = _state.Path,
    };

    /// <summary>A new connector on the shop's state folder, as the host makes one at start (or after a restart).</summary>
    public KaspiConnector Connect()
    {
        var connector = (KaspiConnector)new KaspiConnectorFactory(Logs, Clock).Create(Connection());
        _connectors.Add(connector);
        return connector;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connector in _connectors)
        {
            connector.Dispose();
        }

        await Emulator.DisposeAsync();
        _state.Dispose();
    }
}
