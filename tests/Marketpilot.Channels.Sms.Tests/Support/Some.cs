using System.Text;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Channels.Sms.Tests.Support;

/// <summary>Test data for the SMS channel.</summary>
public static class Some
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";

    public const string AuthToken = "f00dfeedcafe4b1d9e2a7c3b5d6e8f90";

    public const string Sender = "+15005550006";

    public const string ManagerPhone = "+4915100000001";

    public const string BuyerPhone = "+4915100000002";

    /// <summary>A generous deadline: no test should come near it.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static Notification Notification(string recipient = "manager", string? key = null, string message = "Stock of A-1 lasts 3 days: reorder.") =>
        new(key ?? Guid.NewGuid().ToString("N"), new SkuKey("ozon", "shop-1", "A-1"), recipient, message, "stock-guard");

    /// <summary>Twilio's Messages resource: Basic auth, a form body.</summary>
    public static SmsOptions TwilioOptions(Uri endpoint) => new()
    {
        Endpoint = endpoint,
        Headers = new Dictionary<string, string> { ["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}")) },
        ContentType = "application/x-www-form-urlencoded",
        BodyTemplate = "To={phone}&From={sender}&Body={text}",
        Sender = Sender,
        Phones = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["manager"] = [ManagerPhone],
            ["purchasing"] = [BuyerPhone, ManagerPhone],
        },
        TimeoutMilliseconds = 5_000,
        MaxRetries = 3,
        RetryDelayMilliseconds = 1,
    };

    /// <summary>A JSON gateway: a bearer token, a JSON body.</summary>
    public static SmsOptions JsonOptions(Uri endpoint) => TwilioOptions(endpoint).With(o =>
    {
        o.Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {AuthToken}" };
        o.ContentType = "application/json";
        o.BodyTemplate = """{"to":"{phone}","from":"{sender}","text":"{text}","reference":"{key}"}""";
    });

    /// <summary>An endpoint on a loopback port nothing listens on.</summary>
    public static Uri ClosedPortUrl()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/v1/messages");
    }

    public static SmsOptions With(this SmsOptions options, Action<SmsOptions> change)
    {
        change(options);
        return options;
    }
}
