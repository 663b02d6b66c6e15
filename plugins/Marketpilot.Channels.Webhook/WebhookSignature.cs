using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Marketpilot.Channels.Webhook;

/// <summary>
/// Signs a request body so a receiver can check that it comes from this host, unchanged and recently.
/// </summary>
/// <remarks>
/// The signed content is the Unix time in seconds (the <see cref="TimestampHeader"/> value) in ASCII, a
/// dot, then the exact body bytes; the signature is HMAC-SHA256 of that content keyed with the UTF-8
/// bytes of the shared secret, sent as <c>sha256=&lt;lower-case hex&gt;</c> in <see cref="SignatureHeader"/>.
/// Binding the timestamp into the signature means a captured request cannot be replayed later with a
/// fresh timestamp; the receiver rejects timestamps outside its tolerance (see the plugin's README).
/// </remarks>
public static class WebhookSignature
{
    /// <summary>The header that carries <c>sha256=&lt;hex&gt;</c>.</summary>
    public const string SignatureHeader = "X-Marketpilot-Signature";

    /// <summary>The header that carries the signing time, Unix seconds.</summary>
    public const string TimestampHeader = "X-Marketpilot-Timestamp";

    /// <summary>The header that carries the notification's idempotency key; receivers drop repeats.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Computes the <see cref="SignatureHeader"/> value for a body signed at a time.</summary>
    /// <param name="secret">The shared secret.</param>
    /// <param name="timestamp">The <see cref="TimestampHeader"/> value, Unix seconds.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns><c>sha256=</c> followed by the lower-case hex HMAC.</returns>
    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);

        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), content);
        return "sha256=" + Convert.ToHexStringLower(mac);
    }
}
