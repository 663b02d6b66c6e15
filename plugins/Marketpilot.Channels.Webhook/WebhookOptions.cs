using Marketpilot.Sdk.Plugins;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Marketpilot.Channels.Webhook;

/// <summary>Where and how the webhook channel posts. Bound to <c>Marketpilot:Plugins:webhook</c>.</summary>
public sealed class WebhookOptions
{
    internal const string SectionPath = "Marketpilot:Plugins:webhook";

    /// <summary>The endpoints every notification is posted to: <c>Url</c>, or a list <c>Url:0</c>, <c>Url:1</c>, ….</summary>
    public IReadOnlyList<Uri> Urls { get; set; } = [];

    /// <summary>The shared secret the body is signed with (HMAC-SHA256). Required with a URL; never logged.</summary>
    public string Secret { get; set; } = "";

    /// <summary>The recipients (roles) this webhook serves; empty means every recipient.</summary>
    public IReadOnlyList<string> Recipients { get; set; } = [];

    /// <summary>How long one attempt may take before it counts as failed and is retried.</summary>
    public int TimeoutMilliseconds { get; set; } = 10_000;

    /// <summary>Retries after the first attempt on 5xx, 408, 429, timeouts and connection failures.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first backoff delay; it doubles (with jitter) on each retry. A <c>Retry-After</c> header wins.</summary>
    public int RetryDelayMilliseconds { get; set; } = 1_000;

    /// <summary>Throws when a value is out of range, naming its configuration key. Never echoes the secret.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        Check(Urls.Count > 0, "Url", "is required");
        Check(Urls.All(u => u.IsAbsoluteUri && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)), "Url", "must be an absolute http or https URL");
        Check(!string.IsNullOrEmpty(Secret), nameof(Secret), "is required: every request is signed with it");
        Check(TimeoutMilliseconds is >= 1 and <= 600_000, nameof(TimeoutMilliseconds), "must be from 1 to 600000");
        Check(MaxRetries is >= 0 and <= 10, nameof(MaxRetries), "must be from 0 to 10");
        Check(RetryDelayMilliseconds is >= 0 and <= 60_000, nameof(RetryDelayMilliseconds), "must be from 0 to 60000");
    }

    /// <summary>Whether the section names any endpoint; an empty section (the host's own keys aside) leaves the channel off.</summary>
    internal static bool IsConfigured(IConfiguration section) =>
        section.GetChildren().Any(c => c.Key != PluginHostKeys.Section && (c.Value is not null || c.GetChildren().Any()));

    // Read by hand, as the simulator does: the configuration binder would be one more assembly to ship.
    internal static WebhookOptions FromConfiguration(IConfiguration section)
    {
        var options = new WebhookOptions();
        options.Urls = ReadList(section, "Url", splitOnCommas: false).Select(ParseUrl).ToList();
        options.Secret = section[nameof(Secret)] ?? "";
        options.Recipients = ReadList(section, nameof(Recipients), splitOnCommas: true);
        options.TimeoutMilliseconds = ReadInt(section, nameof(TimeoutMilliseconds), options.TimeoutMilliseconds);
        options.MaxRetries = ReadInt(section, nameof(MaxRetries), options.MaxRetries);
        options.RetryDelayMilliseconds = ReadInt(section, nameof(RetryDelayMilliseconds), options.RetryDelayMilliseconds);
        options.Validate();
        return options;
    }

    // A key holds one value or an indexed list; roles may also be comma-separated (handy in environment
    // variables). URLs are not split: a comma is legal in a query string.
    private static List<string> ReadList(IConfiguration section, string key, bool splitOnCommas) =>
        new[] { section[key] }
            .Concat(section.GetSection(key).GetChildren().Select(c => c.Value))
            .SelectMany(v => splitOnCommas ? (v ?? "").Split(',') : [v ?? ""])
            .Select(v => v.Trim())
            .Where(v => v.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    // The value is not echoed: webhook URLs often carry a token in their path or query.
    private static Uri ParseUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
            ? uri
            : throw new ArgumentException($"{SectionPath}:Url must be an absolute http or https URL.", "Url");

    private static int ReadInt(IConfiguration section, string key, int fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{SectionPath}:{key} has the value '{text}', which is not a whole number.", key);
    }

    private static void Check(bool condition, string key, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"{SectionPath}:{key} {rule}.", key);
        }
    }
}
