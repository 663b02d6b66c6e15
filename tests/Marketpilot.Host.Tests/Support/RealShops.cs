using Marketpilot.Emulators.Kaspi;
using Marketpilot.Emulators.Ozon;
using Marketpilot.Emulators.Wildberries;

namespace Marketpilot.Host.Tests.Support;

/// <summary>
/// Three shops of the bundled connectors, each pointed at its marketplace's emulator on loopback: an Ozon shop, a
/// Wildberries shop and a Kaspi shop (orders API at its emulator, prices through the host's feed route).
/// </summary>
public sealed class RealShops : IAsyncDisposable
{
    public const string OzonShop = "ozon-e2e";
    public const string WildberriesShop = "wb-e2e";
    public const string KaspiShop = "kaspi-e2e";

    private RealShops()
    {
    }

    public OzonEmulator Ozon { get; } = new();

    public WildberriesEmulator Wildberries { get; } = new("wb-token-" + Guid.NewGuid().ToString("N"), itemCount: 4);

    public KaspiEmulator Kaspi { get; } = new();

    public string FeedToken { get; } = "feed-token-" + Guid.NewGuid().ToString("N");

    /// <summary>Every credential value the host is given, to prove none of them is shown.</summary>
    public IReadOnlyList<(string What, string Value)> Secrets =>
        [("the Ozon ApiKey", OzonEmulator.ApiKey), ("the Wildberries token", Wildberries.Token), ("the Kaspi token", Kaspi.Token), ("the Kaspi FeedToken", FeedToken)];

    /// <summary>Starts the emulators; <paramref name="seedOzon"/> fills the Ozon shop before the host first pulls it.</summary>
    public static async Task<RealShops> StartAsync(Action<OzonEmulator> seedOzon)
    {
        var shops = new RealShops();
        seedOzon(shops.Ozon);
        await shops.Ozon.StartAsync();
        await shops.Wildberries.StartAsync();
        await shops.Kaspi.StartAsync();
        return shops;
    }

    /// <summary>The host arguments configuring the three shops.</summary>
    public IEnumerable<string> HostArgs()
    {
        var wb = Wildberries.BaseAddress.ToString();
        return
        [
            .. OzonArgs(Ozon),
            .. Shop(1, "wildberries", WildberriesShop, "RUB",
                ("Settings:ContentBaseUrl", wb), ("Settings:PricesBaseUrl", wb), ("Settings:CalendarBaseUrl", wb),
                ("Settings:AdvertBaseUrl", wb), ("Settings:AnalyticsBaseUrl", wb), ("Settings:StatisticsBaseUrl", wb),
                ("Settings:PollIntervalMilliseconds", "200"), ("Credentials:Token", Wildberries.Token)),
            .. KaspiArgs(2, Kaspi, FeedToken),
        ];
    }

    /// <summary>The host arguments configuring the Kaspi shop (as shop <paramref name="index"/>) at <paramref name="kaspi"/>, its feed guarded by <paramref name="feedToken"/>.</summary>
    public static IEnumerable<string> KaspiArgs(int index, KaspiEmulator kaspi, string feedToken) =>
        Shop(index, "kaspi", KaspiShop, "KZT",
            ("Settings:BaseUrl", kaspi.ApiBaseUrl.ToString()), ("Settings:MerchantId", "E2EMerchant1"),
            ("Settings:CompanyName", "E2E Company"), ("Settings:StoreIds", "PP1"),
            ("Credentials:Token", kaspi.Token), ("Credentials:FeedToken", feedToken));

    /// <summary>The host arguments configuring the Ozon shop (as the first shop) at <paramref name="ozon"/>.</summary>
    public static IEnumerable<string> OzonArgs(OzonEmulator ozon)
    {
        var address = ozon.BaseAddress.ToString();
        return Shop(0, "ozon", OzonShop, "RUB",
            ("Settings:SellerBaseUrl", address), ("Settings:PerformanceBaseUrl", address),
            ("Credentials:ClientId", OzonEmulator.ClientId), ("Credentials:ApiKey", OzonEmulator.ApiKey));
    }

    /// <summary>The URL of the Kaspi shop's price list on <paramref name="host"/> with <paramref name="token"/>.</summary>
    public static Uri FeedUrl(HostProcess host, string token) => new(host.BaseAddress, $"/feeds/kaspi/{KaspiShop}.xml?token={Uri.EscapeDataString(token)}");

    public async ValueTask DisposeAsync()
    {
        await Ozon.DisposeAsync();
        await Wildberries.DisposeAsync();
        await Kaspi.DisposeAsync();
    }

    private static IEnumerable<string> Shop(int index, string marketplace, string shopId, string currency, params (string Key, string Value)[] more)
    {
        var prefix = $"--Marketpilot:Shops:{index}:";
        yield return $"{prefix}Marketplace={marketplace}";
        yield return $"{prefix}ShopId={shopId}";
        yield return $"{prefix}Currency={currency}";
        foreach (var (key, value) in more)
        {
            yield return $"{prefix}{key}={value}";
        }
    }
}
