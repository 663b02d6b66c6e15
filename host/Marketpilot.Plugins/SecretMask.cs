using Marketpilot.Sdk.Plugins;
using Microsoft.Extensions.Configuration;

namespace Marketpilot.Plugins;

/// <summary>
/// Keeps secrets out of text the host shows or logs: a shop's credential values and a plugin's secret settings
/// (<see cref="IsSecretSetting"/>). Every scrub of what a plugin says goes through <see cref="Scrub(string, IEnumerable{string})"/>.
/// </summary>
public static class SecretMask
{
    /// <summary>What a masked value reads as.</summary>
    public const string Masked = "***";

    /// <summary>
    /// The shortest value that is masked. Shorter ones (a flag, a port, a page size under a secret-sounding key) are left
    /// alone: masking them would shred ordinary text, and a real secret is never that short.
    /// </summary>
    public const int MinimumLength = 4;

    // Conventional parts of a secret setting's name; "key" also covers ApiKey and api_key.
    private static readonly string[] SecretNameParts = ["key", "token", "secret", "password", "credential"];

    /// <summary>Replaces every value found in <paramref name="text"/> with <see cref="Masked"/>.</summary>
    /// <param name="text">A message, for example a plugin's exception message.</param>
    /// <param name="secrets">The values to mask; those shorter than <see cref="MinimumLength"/> are left alone.</param>
    /// <returns>The text without any of the values.</returns>
    public static string Scrub(string text, IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(secrets);
        // Longest first, so a secret that contains another is replaced whole.
        foreach (var secret in secrets.Where(s => s is { Length: >= MinimumLength }).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, Masked, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Replaces every credential value found in <paramref name="text"/> with <see cref="Masked"/>.</summary>
    /// <param name="text">A message, for example a plugin's exception message.</param>
    /// <param name="credentials">The shop's credentials section; every value in it is a secret.</param>
    /// <returns>The text without any credential value.</returns>
    public static string Scrub(string text, IConfiguration credentials) => Scrub(text, Values(credentials));

    /// <summary>Every value in a section, such as a shop's credentials, read now.</summary>
    /// <param name="section">The section.</param>
    /// <returns>The non-empty values, for <see cref="Scrub(string, IEnumerable{string})"/>.</returns>
    public static IEnumerable<string> Values(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return section.AsEnumerable().Select(p => p.Value).OfType<string>().Where(v => v.Length > 0);
    }

    /// <summary>
    /// Tells whether a plugin setting is a secret: a key path (relative to <c>Marketpilot:Plugins:&lt;id&gt;</c>) of which
    /// any segment contains <c>key</c>, <c>token</c>, <c>secret</c>, <c>password</c> or <c>credential</c>, ignoring case
    /// (<c>ApiKey</c>, <c>BotToken</c>, <c>Smtp:Password</c>, <c>Tokens:0</c>); or a key the manifest declares
    /// <see cref="PluginConfigurationKey.Secret"/>, or one under it (<c>Headers</c> covers <c>Headers:Authorization</c>).
    /// </summary>
    /// <param name="key">The setting's key path inside the plugin's section.</param>
    /// <param name="declared">The keys the plugin's manifest declares; only those marked secret count.</param>
    /// <returns><see langword="true"/> when the host masks the setting's value in what the plugin says.</returns>
    public static bool IsSecretSetting(string key, IEnumerable<PluginConfigurationKey?>? declared)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Split(':').Any(segment => SecretNameParts.Any(part => segment.Contains(part, StringComparison.OrdinalIgnoreCase)))
            || (declared ?? []).Any(k => k is { Secret: true } && (key.Equals(k.Key, StringComparison.OrdinalIgnoreCase) || key.StartsWith(k.Key + ":", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The values of a plugin's secret settings (<see cref="IsSecretSetting"/>), read now.</summary>
    /// <param name="settings">The plugin's section <c>Marketpilot:Plugins:&lt;id&gt;</c>.</param>
    /// <param name="declared">The keys the plugin's manifest declares.</param>
    /// <returns>The non-empty values, for <see cref="Scrub(string, IEnumerable{string})"/>.</returns>
    public static IEnumerable<string> SecretSettings(IConfiguration settings, IEnumerable<PluginConfigurationKey?>? declared)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.AsEnumerable(makePathsRelative: true)
            .Where(p => !string.IsNullOrEmpty(p.Value) && IsSecretSetting(p.Key, declared))
            .Select(p => p.Value!);
    }

    /// <summary>The credential key paths (relative to the section) with their values masked, for showing the shop.</summary>
    /// <param name="credentials">The shop's credentials section.</param>
    /// <returns>Key path → <see cref="Masked"/>, in key order.</returns>
    public static IReadOnlyDictionary<string, string> MaskedKeys(IConfigurationSection credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return new SortedDictionary<string, string>(
            credentials.AsEnumerable(makePathsRelative: true)
                .Where(p => p.Value is not null)
                .ToDictionary(p => p.Key, _ => Masked, StringComparer.Ordinal),
            StringComparer.Ordinal);
    }
}
