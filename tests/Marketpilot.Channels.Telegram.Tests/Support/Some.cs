using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Channels.Telegram.Tests.Support;

/// <summary>Test data for the Telegram channel.</summary>
public static class Some
{
    public const string BotToken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ";

    public const string ManagerChat = "100200300";

    public const string PurchasingGroup = "-1001234567890";

    /// <summary>A generous deadline: no test should come near it.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static Notification Notification(string recipient = "manager", string? key = null, string message = "Stock of A-1 lasts 3 days: reorder.") =>
        new(key ?? Guid.NewGuid().ToString("N"), new SkuKey("ozon", "shop-1", "A-1"), recipient, message, "stock-guard");

    public static TelegramOptions Options(Uri baseUrl) => new()
    {
        BotToken = BotToken,
        BaseUrl = baseUrl,
        Chats = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["manager"] = [ManagerChat],
            ["purchasing"] = [PurchasingGroup, ManagerChat],
        },
        TimeoutMilliseconds = 5_000,
        MaxRetries = 3,
        RetryDelayMilliseconds = 1,
    };

    /// <summary>A base URL on a loopback port nothing listens on.</summary>
    public static Uri ClosedPortUrl()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    public static TelegramOptions With(this TelegramOptions options, Action<TelegramOptions> change)
    {
        change(options);
        return options;
    }
}
