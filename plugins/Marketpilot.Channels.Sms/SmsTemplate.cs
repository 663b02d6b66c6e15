using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Marketpilot.Channels.Sms;

/// <summary>
/// Fills the placeholders of the endpoint and body templates: <c>{phone}</c> (E.164, <c>+4915…</c>), <c>{phoneDigits}</c>
/// (without the <c>+</c>), <c>{text}</c>, <c>{sender}</c>, <c>{key}</c> (this SMS's idempotency key: the notification's key
/// and the number), <c>{notification}</c> (the notification's key), <c>{role}</c> and <c>{sku}</c>.
/// </summary>
/// <remarks>Each value is encoded for where it stands, so a quote, an ampersand or a line break in a message cannot break the request.</remarks>
internal static partial class SmsTemplate
{
    public const string Names = "{phone}, {phoneDigits}, {text}, {sender}, {key}, {notification}, {role}, {sku}";

    private static readonly HashSet<string> Known = ["phone", "phoneDigits", "text", "sender", "key", "notification", "role", "sku"];

    /// <summary>The placeholders in <paramref name="template"/> that are not known.</summary>
    public static IEnumerable<string> UnknownPlaceholders(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value).Where(name => !Known.Contains(name)).Distinct(StringComparer.Ordinal);

    /// <summary>Replaces each placeholder with its value, encoded by <paramref name="encode"/>.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values, Func<string, string> encode) =>
        Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var value) ? encode(value) : m.Value);

    /// <summary>How a value is encoded in a body of <paramref name="contentType"/>.</summary>
    public static Func<string, string> BodyEncoder(string contentType) =>
        contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || contentType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            ? value => JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString()
            : contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            ? Uri.EscapeDataString
            : value => value;

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}
