using Marketpilot.Sdk.Plugins;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace Marketpilot.Channels.Email;

/// <summary>The SMTP server and the addresses of each recipient role. Bound to <c>Marketpilot:Plugins:email</c>.</summary>
public sealed class EmailOptions
{
    internal const string SectionPath = "Marketpilot:Plugins:email";

    /// <summary>The SMTP server's host name. Required: without it the channel is off.</summary>
    public string Host { get; set; } = "";

    /// <summary>The SMTP server's port.</summary>
    /// <value>The default, 0, means 587 for <see cref="EmailSecurity.StartTls"/>, 465 for <see cref="EmailSecurity.Tls"/> and 25 for <see cref="EmailSecurity.None"/>.</value>
    public int Port { get; set; }

    /// <summary>How the connection is protected; the default is <see cref="EmailSecurity.StartTls"/>.</summary>
    public EmailSecurity Security { get; set; } = EmailSecurity.StartTls;

    /// <summary>The user name to authenticate with; empty means no authentication.</summary>
    public string? Username { get; set; }

    /// <summary>The password for <see cref="Username"/>; never logged.</summary>
    public string? Password { get; set; }

    /// <summary>The sender address, for example <c>Marketpilot &lt;robot@shop.example&gt;</c>.</summary>
    public string From { get; set; } = "";

    /// <summary>The addresses of each recipient role: <c>Recipients:purchasing:0=buyer@shop.example</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Recipients { get; set; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long one SMTP operation (connect, a command) may take.</summary>
    public int TimeoutMilliseconds { get; set; } = 20_000;

    /// <summary>
    /// SHA-256 thumbprints (64 hex digits; colons and spaces are ignored) of server certificates to trust although
    /// the system does not: a relay with a self-signed certificate, or one issued by a private CA this machine does
    /// not trust. A pinned certificate is accepted as it is, whatever its chain or names say; every other certificate
    /// must pass the system's validation (a trusted chain, issued for <see cref="Host"/>).
    /// <c>TrustedCertificateThumbprints:0=…</c>, or several separated by commas.
    /// </summary>
    /// <value>The default is empty: only certificates the system trusts are accepted. There is no setting that accepts any certificate.</value>
    public IReadOnlyList<string> TrustedCertificateThumbprints { get; set; } = [];

    internal int EffectivePort => Port != 0 ? Port : Security switch
    {
        EmailSecurity.Tls => 465,
        EmailSecurity.None => 25,
        _ => 587,
    };

    /// <summary>Throws when a value is not valid, naming its configuration key. Never echoes the password.</summary>
    /// <exception cref="ArgumentException">A value is not valid.</exception>
    public void Validate()
    {
        Check(!string.IsNullOrWhiteSpace(Host), nameof(Host), "is required");
        Check(Port is >= 0 and <= 65535, nameof(Port), "must be from 1 to 65535 (or 0 for the default of Security)");
        Check(Enum.IsDefined(Security), nameof(Security), "must be StartTls, Tls or None");
        Check(MailboxAddress.TryParse(From, out _), nameof(From), "must be an email address, for example robot@shop.example");
        Check(string.IsNullOrEmpty(Username) || !string.IsNullOrEmpty(Password), nameof(Password), "is required with Username");
        Check(string.IsNullOrEmpty(Password) || !string.IsNullOrEmpty(Username), nameof(Username), "is required with Password");
        Check(
            string.IsNullOrEmpty(Username) || Security != EmailSecurity.None || IsLoopback(Host),
            nameof(Security),
            "must be StartTls or Tls when Username is set: None would send the password in clear text");
        Check(TimeoutMilliseconds is >= 1 and <= 600_000, nameof(TimeoutMilliseconds), "must be from 1 to 600000");
        for (var i = 0; i < TrustedCertificateThumbprints.Count; i++)
        {
            Check(
                IsSha256Thumbprint(TrustedCertificateThumbprints[i]),
                $"{nameof(TrustedCertificateThumbprints)}:{i}",
                $"has the value '{TrustedCertificateThumbprints[i]}', which is not a SHA-256 thumbprint (64 hex digits; a 40-digit SHA-1 thumbprint is not accepted)");
        }

        foreach (var (role, addresses) in Recipients)
        {
            for (var i = 0; i < addresses.Count; i++)
            {
                Check(MailboxAddress.TryParse(addresses[i], out _), $"Recipients:{role}:{i}", $"has the value '{addresses[i]}', which is not an email address");
            }
        }
    }

    /// <summary>Whether the section has any setting; an empty section (the host's own keys aside) leaves the channel off.</summary>
    internal static bool IsConfigured(IConfiguration section) =>
        section.GetChildren().Any(c => c.Key != PluginHostKeys.Section && (c.Value is not null || c.GetChildren().Any()));

    // Read by hand, as the simulator does: the configuration binder would be one more assembly to ship.
    internal static EmailOptions FromConfiguration(IConfiguration section)
    {
        var options = new EmailOptions
        {
            Host = section[nameof(Host)]?.Trim() ?? "",
            Username = section[nameof(Username)],
            Password = section[nameof(Password)],
            From = section[nameof(From)]?.Trim() ?? "",
        };
        options.Port = ReadInt(section, nameof(Port), options.Port);
        options.TimeoutMilliseconds = ReadInt(section, nameof(TimeoutMilliseconds), options.TimeoutMilliseconds);
        var security = section[nameof(Security)];
        if (!string.IsNullOrWhiteSpace(security))
        {
            options.Security = Enum.TryParse<EmailSecurity>(security, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new ArgumentException($"{SectionPath}:{nameof(Security)} has the value '{security}'; use StartTls, Tls or None.", nameof(Security));
        }

        options.Recipients = ReadRecipients(section.GetSection(nameof(Recipients)));
        options.TrustedCertificateThumbprints = ReadList(section.GetSection(nameof(TrustedCertificateThumbprints)))
            .Select(NormalizeThumbprint)
            .ToList();
        options.Validate();
        return options;
    }

    // A role holds an indexed list (Recipients:purchasing:0) or one comma-separated value, handy in
    // environment variables (Marketpilot__Plugins__email__Recipients__purchasing=a@x,b@x).
    private static Dictionary<string, IReadOnlyList<string>> ReadRecipients(IConfigurationSection section)
    {
        var recipients = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var role in section.GetChildren())
        {
            recipients[role.Key] = ReadList(role);
        }

        return recipients;
    }

    private static List<string> ReadList(IConfigurationSection section) =>
        new[] { section.Value }
            .Concat(section.GetChildren().Select(c => c.Value))
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();

    // Tools print thumbprints as "AB:CD:…" or "ab cd …"; compare them as upper-case hex.
    internal static string NormalizeThumbprint(string thumbprint) =>
        string.Concat(thumbprint.Where(c => c is not (':' or ' '))).ToUpperInvariant();

    private static bool IsSha256Thumbprint(string thumbprint) =>
        NormalizeThumbprint(thumbprint) is { Length: 64 } hex && hex.All(char.IsAsciiHexDigit);

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

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
