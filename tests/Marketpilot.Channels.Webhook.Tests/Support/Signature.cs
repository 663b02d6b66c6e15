using System.Security.Cryptography;
using System.Text;

namespace Marketpilot.Channels.Webhook.Tests.Support;

/// <summary>What a receiver does to check a request, written from the documented scheme, not from the plugin's code.</summary>
public static class Signature
{
    public static bool Verify(string secret, ReceivedRequest request)
    {
        var timestamp = request.Header("X-Marketpilot-Timestamp");
        var signature = request.Header("X-Marketpilot-Signature");
        var content = Encoding.ASCII.GetBytes(timestamp + ".").Concat(request.Body).ToArray();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), content));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }
}
