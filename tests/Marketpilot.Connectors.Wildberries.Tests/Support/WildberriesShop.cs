using Marketpilot.Emulators.Wildberries;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Configuration;

namespace Marketpilot.Connectors.Wildberries.Tests.Support;

/// <summary>A running emulator and a shop configuration whose every base URL points at it, with its own state folder.</summary>
public sealed class WildberriesShop : IAsyncDisposable
{
    public const string Token = "wb-test-token-7f3c9a1e5b";

    private readonly List<WildberriesConnector> _connectors = [];

    private WildberriesShop(WildberriesEmulator emulator, string stateDirectory)
    {
        Emulator = emulator;
        StateDirectory = stateDirectory;
    }

    public WildberriesEmulator Emulator { get; }

    public string StateDirectory { get; }

    public CapturedLogs Logs { get; } = new();

    public static async Task<WildberriesShop> StartAsync(int itemCount = 250)
    {
        var emulator = new WildberriesEmulator(Token, itemCount);
        await emulator.StartAsync();
        var folder = Path.Combine(Path.GetTempPath(), "marketpilot-wb-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new WildberriesShop(emulator, folder);
    }

    public ShopConnection Connection(Dictionary<string, string?>? settings = null, string? token = Token)
    {
        var values = WildberriesSettings.BaseUrlDefaults.Keys.ToDictionary(k => k, _ => (string?)Emulator.BaseAddress.ToString());
        values["PollIntervalMilliseconds"] = "5";
        values["RequestTimeoutMilliseconds"] = "2000";
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        return new ShopConnection
        {
            Marketplace = Marketplaces.Wildberries,
            ShopId = "wb-main",
            Currency = "RUB",
            TimeZone = "Europe/Moscow",
            Settings = new ConfigurationBuilder().AddInMemoryCollection(values).Build(),
            Credentials = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Token"] = token }).Build(),
            StateDirectory = StateDirectory,
        };
    }

    /// <summary>A connector for the shop, with token buckets 1,000 times faster than WB's (unless told otherwise) so tests do not wait minutes.</summary>
    public WildberriesConnector Connector(TimeProvider? time = null, Dictionary<string, string?>? settings = null, double rateLimitTimeScale = 0.001)
    {
        var connector = (WildberriesConnector)new WildberriesConnectorFactory(Logs, time, rateLimitTimeScale, handler: null).Create(Connection(settings));
        _connectors.Add(connector);
        return connector;
    }

    public IEnumerable<EmulatedChange> Changes(string kind) => Emulator.Changes.Where(c => c.Kind == kind);

    public async ValueTask DisposeAsync()
    {
        foreach (var connector in _connectors)
        {
            await connector.DisposeAsync();
        }

        await Emulator.DisposeAsync();
        Directory.Delete(StateDirectory, recursive: true);
    }
}
