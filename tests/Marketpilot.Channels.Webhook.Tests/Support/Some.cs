using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Channels.Webhook.Tests.Support;

/// <summary>Test data for the webhook channel.</summary>
public static class Some
{
    public const string Secret = "s3cret-for-tests-only";

    /// <summary>A generous deadline: no test should come near it.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static Notification Notification(string recipient = "purchasing", string? key = null) =>
        new(key ?? Guid.NewGuid().ToString("N"), new SkuKey("ozon", "shop-1", "A-1"), recipient, "Stock of A-1 lasts 3 days: reorder.", "stock-guard");

    public static WebhookOptions Options(params Uri[] urls) => new()
    {
        Urls = urls,
        Secret = Secret,
        TimeoutMilliseconds = 5_000,
        MaxRetries = 3,
        RetryDelayMilliseconds = 1,
    };

    /// <summary>A URL on a loopback port nothing listens on.</summary>
    public static Uri ClosedPortUrl()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/hook");
    }

    public static WebhookOptions With(this WebhookOptions options, Action<WebhookOptions> change)
    {
        change(options);
        return options;
    }
}
