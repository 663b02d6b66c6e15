using Microsoft.Extensions.Configuration;

namespace Marketpilot.Plugins.Shops;

/// <summary>Keeps a shop's credential values out of text the host shows or logs.</summary>
public static class SecretMask
{
    /// <summary>What a masked value reads as.</summary>
    public const string Masked = "***";

    /// <summary>Replaces every credential value found in <paramref name="text"/> with <see cref="Masked"/>.</summary>
    /// <param name="text">A message, for example a plugin's exception message.</param>
    /// <param name="credentials">The shop's credentials section.</param>
    /// <returns>The text without any credential value.</returns>
    public static string Scrub(string text, IConfiguration credentials)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(credentials);
        // Longest first, so a secret that contains another is replaced whole.
        foreach (var secret in Values(credentials).OrderByDescending(v => v.Length))
        {
            text = text.Replace(secret, Masked, StringComparison.Ordinal);
        }

        return text;
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

    private static IEnumerable<string> Values(IConfiguration credentials) =>
        credentials.AsEnumerable().Select(p => p.Value).OfType<string>().Where(v => v.Length > 0).Distinct(StringComparer.Ordinal);
}
