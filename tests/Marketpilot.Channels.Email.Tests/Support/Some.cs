using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Channels.Email.Tests.Support;

/// <summary>Test data for the email channel.</summary>
public static class Some
{
    public const string Password = "pa55-for-tests-only";

    /// <summary>A generous deadline: no test should come near it.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static Notification Notification(string recipient = "purchasing", string? key = null) =>
        new(key ?? Guid.NewGuid().ToString("N"), new SkuKey("ozon", "shop-1", "A-1"), recipient, "Stock of A-1 lasts 3 days: reorder.", "stock-guard");

    public static EmailOptions Options(int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Security = EmailSecurity.None,
        From = "Marketpilot <robot@shop.example>",
        Recipients = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["purchasing"] = ["buyer@shop.example", "Second Buyer <buyer2@shop.example>"],
            ["manager"] = [],
        },
        TimeoutMilliseconds = 10_000,
    };

    public static EmailOptions With(this EmailOptions options, Action<EmailOptions> change)
    {
        change(options);
        return options;
    }

    /// <summary>A loopback port nothing listens on.</summary>
    public static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
