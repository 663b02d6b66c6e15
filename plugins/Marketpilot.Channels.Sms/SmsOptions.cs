using System.Text.RegularExpressions;
using Marketpilot.Channels.Shared;
using Microsoft.Extensions.Configuration;

namespace Marketpilot.Channels.Sms;

/// <summary>The HTTP SMS gateway and the phone numbers of each recipient role. Bound to <c>Marketpilot:Plugins:sms</c>.</summary>
/// <remarks>
/// The request is described, not coded, so any gateway fits: <see cref="Endpoint"/>, <see cref="Method"/>,
/// <see cref="Headers"/> and <see cref="BodyTemplate"/> may hold the placeholders of <see cref="SmsTemplate"/>, which
/// are encoded for where they stand (URL-encoded in the endpoint and in a form body, JSON-escaped in a JSON body).
/// </remarks>
public sealed partial class SmsOptions : HttpChannelOptions
{
    internal const string SectionPath = "Marketpilot:Plugins:sms";

    /// <summary>The gateway's URL. Required. Its query may carry placeholders and credentials; it is never logged beyond its host.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The HTTP method.</summary>
    /// <value>The default is <c>POST</c>; <c>PUT</c> and <c>GET</c> (no body) are the others.</value>
    public string Method { get; set; } = "POST";

    /// <summary>Headers sent with every request (<c>Headers:Authorization=Bearer …</c>). Every value is a secret: never logged, masked in reasons.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The body's media type, which decides how placeholders are encoded in it.</summary>
    /// <value>The default is <c>application/json</c>; <c>application/x-www-form-urlencoded</c> URL-encodes them; any other type inserts them as they are.</value>
    public string ContentType { get; set; } = "application/json";

    /// <summary>The body, with placeholders. Required for <c>POST</c> and <c>PUT</c>.</summary>
    public string? BodyTemplate { get; set; }

    /// <summary>The sender id or number the gateway expects, put in <c>{sender}</c>.</summary>
    public string Sender { get; set; } = "";

    /// <summary>The phone numbers of each recipient role, in E.164 (<c>+4915123456789</c>; spaces, dashes, dots and parentheses are dropped). A role with none is skipped.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Phones { get; set; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The header that carries the delivery's key (<c>{key}</c>), for gateways that drop repeats; empty sends none.</summary>
    /// <value>The default is <c>Idempotency-Key</c>.</value>
    public string IdempotencyHeader { get; set; } = "Idempotency-Key";

    /// <summary>
    /// A text whose presence in a 2xx answer's body means the gateway refused the SMS (some answer 200 with
    /// <c>{"error":…}</c>); compared ignoring case. Such an answer is rejected with the gateway's words.
    /// </summary>
    /// <value>The default is empty: every 2xx is delivered.</value>
    public string ErrorBodyContains { get; set; } = "";

    /// <summary>How many SMS segments a text may take before it is cut: 160 GSM-7 characters (70 UCS-2) fit in one, 153 (67) per segment beyond.</summary>
    /// <value>The default is 3; from 1 to 10.</value>
    public int MaxSegments { get; set; } = 3;

    internal bool SendsBody => Method != "GET";

    /// <summary>Throws when a value is not valid, naming its configuration key. Never echoes a header value or the endpoint.</summary>
    /// <exception cref="ArgumentException">A value is not valid.</exception>
    public void Validate() => Validate(new ChannelSettings(null, SectionPath));

    internal static SmsOptions FromConfiguration(IConfiguration section)
    {
        var settings = new ChannelSettings(section, SectionPath);
        var options = new SmsOptions
        {
            Headers = settings.Pairs(nameof(Headers)),
            BodyTemplate = section[nameof(BodyTemplate)],
            Sender = settings.Text(nameof(Sender)) ?? "",
            IdempotencyHeader = section[nameof(IdempotencyHeader)]?.Trim() ?? "Idempotency-Key",
            ErrorBodyContains = section[nameof(ErrorBodyContains)] ?? "",
            Phones = settings.Roles(nameof(Phones)).ToDictionary(r => r.Key, r => (IReadOnlyList<string>)[.. r.Value.Select(Normalize)], StringComparer.OrdinalIgnoreCase),
        };
        if (settings.Text(nameof(Endpoint)) is { } endpoint)
        {
            // The value is not echoed: gateway URLs often carry credentials in their query.
            options.Endpoint = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri : throw settings.Error(nameof(Endpoint), "must be an absolute http or https URL");
        }

        options.Method = settings.Text(nameof(Method))?.ToUpperInvariant() ?? options.Method;
        options.ContentType = settings.Text(nameof(ContentType)) ?? options.ContentType;
        options.MaxSegments = settings.Int(nameof(MaxSegments), options.MaxSegments);
        options.ReadRetry(settings);
        options.Validate(settings);
        return options;
    }

    // People write numbers as "+49 (151) 234-56.789"; the gateway wants "+4915123456789".
    internal static string Normalize(string phone) => string.Concat(phone.Where(c => c is not (' ' or '-' or '.' or '(' or ')')));

    private void Validate(ChannelSettings settings)
    {
        settings.Check(Endpoint is not null, nameof(Endpoint), "is required: the gateway's URL");
        settings.Check(Endpoint!.IsAbsoluteUri && (Endpoint.Scheme == Uri.UriSchemeHttps || Endpoint.Scheme == Uri.UriSchemeHttp), nameof(Endpoint), "must be an absolute http or https URL");
        settings.Check(Method is "POST" or "PUT" or "GET", nameof(Method), $"has the value '{Method}'; use POST, PUT or GET");
        settings.Check(!SendsBody || !string.IsNullOrWhiteSpace(BodyTemplate), nameof(BodyTemplate), $"is required with {Method}");
        settings.Check(SendsBody || string.IsNullOrEmpty(BodyTemplate), nameof(BodyTemplate), "must be empty with GET: put the placeholders in the Endpoint's query");
        settings.Check(System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(ContentType, out _), nameof(ContentType), $"has the value '{ContentType}', which is not a media type");
        foreach (var name in Headers.Keys)
        {
            settings.Check(HeaderName().IsMatch(name), $"{nameof(Headers)}:{name}", "is not a valid header name");
        }

        settings.Check(IdempotencyHeader.Length == 0 || HeaderName().IsMatch(IdempotencyHeader), nameof(IdempotencyHeader), "is not a valid header name");
        var templates = $"{Uri.UnescapeDataString(Endpoint.OriginalString)} {BodyTemplate}";
        foreach (var unknown in SmsTemplate.UnknownPlaceholders(templates))
        {
            settings.Check(false, SendsBody ? nameof(BodyTemplate) : nameof(Endpoint), $"uses the placeholder {{{unknown}}}; the placeholders are {SmsTemplate.Names}");
        }

        settings.Check(templates.Contains("{phone", StringComparison.Ordinal) && templates.Contains("{text}", StringComparison.Ordinal), SendsBody ? nameof(BodyTemplate) : nameof(Endpoint), "must carry {phone} (or {phoneDigits}) and {text}");
        settings.Check(Phones.Values.Any(p => p.Count > 0), nameof(Phones), "must name at least one phone number for a role, for example Phones:purchasing:0=+4915123456789");
        foreach (var (role, phones) in Phones)
        {
            for (var i = 0; i < phones.Count; i++)
            {
                settings.Check(E164().IsMatch(phones[i]), $"{nameof(Phones)}:{role}:{i}", $"has the value '{phones[i]}', which is not an E.164 number (+, country code, number: 8 to 15 digits)");
            }
        }

        settings.Check(MaxSegments is >= 1 and <= 10, nameof(MaxSegments), "must be from 1 to 10");
        CheckRetry(settings);
    }

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();

    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex HeaderName();
}
