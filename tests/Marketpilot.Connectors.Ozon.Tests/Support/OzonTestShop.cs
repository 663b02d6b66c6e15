using Marketpilot.Emulators.Ozon;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Marketpilot.Connectors.Ozon.Tests.Support;

/// <summary>A seeded Ozon emulator on loopback, a state folder, a fake shop clock and the logs, for one test.</summary>
public sealed class OzonTestShop : IAsyncDisposable
{
    public const string ShopId = "ozon-main";

    private readonly List<OzonConnector> _connectors = [];

    private OzonTestShop(OzonEmulator emulator, FakeTimeProvider time)
    {
        (Emulator, Time) = (emulator, time);
        StateDirectory = Directory.CreateTempSubdirectory("ozon-shop-").FullName;
    }

    public OzonEmulator Emulator { get; }

    public FakeTimeProvider Time { get; }

    public string StateDirectory { get; }

    public CollectingLoggerProvider Logs { get; } = new();

    /// <summary>Ozon's documented limits with the waits shortened: analytics is read more than once a minute here.</summary>
    internal static OzonQuotas FastQuotas { get; } = new()
    {
        AnalyticsRequestsPerMinute = 10_000,
        BaseRetryDelay = TimeSpan.FromMilliseconds(20),
        AttemptTimeout = TimeSpan.FromSeconds(2),
    };

    public static async Task<OzonTestShop> StartAsync(int products = 30)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
        var emulator = new OzonEmulator(time).Seed(products);
        await emulator.StartAsync();
        return new OzonTestShop(emulator, time);
    }

    public ShopConnection Connection(bool ads = true, string? apiKey = null, Action<Dictionary<string, string?>>? edit = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Settings:SellerBaseUrl"] = Emulator.BaseAddress.ToString(),
            ["Settings:PerformanceBaseUrl"] = Emulator.BaseAddress.ToString(),
            ["Credentials:ClientId"] = OzonEmulator.ClientId,
            ["Credentials:ApiKey"] = apiKey ?? OzonEmulator.ApiKey,
        };
        if (ads)
        {
            values["Credentials:PerformanceClientId"] = OzonEmulator.PerformanceClientId;
            values["Credentials:PerformanceClientSecret"] = OzonEmulator.PerformanceClientSecret;
        }

        edit?.Invoke(values);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ShopConnection
        {
            Marketplace = Marketplaces.Ozon,
            ShopId = ShopId,
            Currency = "RUB",
            TimeZone = "Europe/Moscow",
            Settings = configuration.GetSection("Settings"),
            Credentials = configuration.GetSection("Credentials"),
            StateDirectory = StateDirectory,
        };
    }

    internal OzonConnector Connector(bool ads = true, OzonQuotas? quotas = null)
    {
        var connector = new OzonConnectorFactory(Time, Logs).Create(Connection(ads), quotas ?? FastQuotas, null);
        _connectors.Add(connector);
        return connector;
    }

    public static ActionRequest Request(string offerId, RuleAction action, string? key = null) =>
        new(key ?? Guid.NewGuid().ToString("N"), new SkuKey(Marketplaces.Ozon, ShopId, offerId), action);

    public async ValueTask DisposeAsync()
    {
        _connectors.ForEach(c => c.Dispose());
        await Emulator.DisposeAsync();
        Directory.Delete(StateDirectory, recursive: true);
    }
}
