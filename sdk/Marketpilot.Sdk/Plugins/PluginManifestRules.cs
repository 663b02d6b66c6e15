using System.Globalization;

namespace Marketpilot.Sdk.Plugins;

/// <summary>
/// The rules a plugin's <c>plugin.json</c> must follow. The host applies them before it loads any code from a
/// plugin folder, and the conformance kit applies the same ones, so a plugin that passes the kit loads.
/// </summary>
/// <remarks>All methods are pure and thread-safe; none throws for any input.</remarks>
public static class PluginManifestRules
{
    /// <summary>The longest plugin id.</summary>
    public const int MaxIdLength = 64;

    /// <summary>The longest configuration key.</summary>
    public const int MaxConfigurationKeyLength = 128;

    /// <summary>What a valid plugin id is, as the host and the conformance kit say it when one is not.</summary>
    public static string IdRule { get; } = $"1 to {MaxIdLength} lower-case letters, digits and '-', and not 'path' or 'runtime'";

    // Keys of the plugins section itself (Marketpilot:Plugins:Path, Marketpilot:Plugins:Runtime): a plugin with one of
    // these ids would be handed the host's settings as its own configuration.
    private static readonly string[] ReservedIds = ["path", "runtime"];

    /// <summary>
    /// Tells whether <paramref name="id"/> is a valid plugin id: 1 to <see cref="MaxIdLength"/> lower-case ASCII
    /// letters, digits and '-', and not <c>path</c> or <c>runtime</c> (settings of the plugins section).
    /// </summary>
    /// <param name="id">The id to check.</param>
    /// <returns><see langword="true"/> when the id is valid.</returns>
    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id)
        && id.Length <= MaxIdLength
        && !ReservedIds.Contains(id, StringComparer.Ordinal)
        && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>
    /// Tells whether <paramref name="version"/> is a SemVer 2.0 version: <c>major.minor.patch</c> with an optional
    /// <c>-prerelease</c> and <c>+build</c> suffix, for example <c>1.2.0</c> or <c>1.3.0-beta.1</c>.
    /// </summary>
    /// <param name="version">The version to check.</param>
    /// <returns><see langword="true"/> when the version is well-formed.</returns>
    public static bool IsValidVersion(string? version)
    {
        if (string.IsNullOrWhiteSpace(version))
        {
            return false;
        }

        var core = version;
        var plus = core.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            if (!AreIdentifiers(core[(plus + 1)..]))
            {
                return false;
            }

            core = core[..plus];
        }

        var dash = core.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            if (!AreIdentifiers(core[(dash + 1)..]))
            {
                return false;
            }

            core = core[..dash];
        }

        var parts = core.Split('.');
        return parts.Length == 3 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit) && (p.Length == 1 || p[0] != '0'));
    }

    /// <summary>
    /// Checks that a plugin built against SDK <paramref name="builtFor"/> (the manifest's <c>sdkVersion</c>,
    /// <c>major.minor</c>) may run on a host whose SDK is <paramref name="host"/>.
    /// </summary>
    /// <param name="builtFor">The manifest's <c>sdkVersion</c>, for example <c>0.2</c>.</param>
    /// <param name="host">The SDK version the host runs with.</param>
    /// <returns>
    /// <see langword="null"/> when compatible, otherwise why not. The accepted range is SemVer's: the same major; below
    /// 1.0 also the same minor (every 0.x minor may break); from 1.0 a minor not above the host's (minors only add).
    /// </returns>
    public static string? CheckSdkVersion(string? builtFor, Version host)
    {
        ArgumentNullException.ThrowIfNull(host);

        if (string.IsNullOrWhiteSpace(builtFor))
        {
            return "The manifest has no sdkVersion.";
        }

        if (!Version.TryParse(builtFor, out var built) || builtFor.Count(c => c == '.') > 2)
        {
            return $"The sdkVersion '{builtFor}' is not a 'major.minor' version.";
        }

        var hostText = string.Create(CultureInfo.InvariantCulture, $"{host.Major}.{host.Minor}");
        if (built.Major != host.Major)
        {
            return $"The plugin was built against Marketpilot.Sdk {builtFor}; the host has {hostText} (a different major version).";
        }

        if (host.Major == 0 && built.Minor != host.Minor)
        {
            return $"The plugin was built against Marketpilot.Sdk {builtFor}; the host has {hostText} (before 1.0 every minor version may break).";
        }

        if (built.Minor > host.Minor)
        {
            return $"The plugin was built against Marketpilot.Sdk {builtFor}, newer than the host's {hostText}.";
        }

        return null;
    }

    /// <summary>Checks the <c>kinds</c> a manifest declares.</summary>
    /// <param name="kinds">The declared kinds; <see langword="null"/> or empty is allowed here (the conformance kit requires at least one).</param>
    /// <returns><see langword="null"/> when every kind is known (<see cref="PluginKinds.IsKnown"/>) and none repeats, otherwise why not.</returns>
    public static string? CheckKinds(IReadOnlyList<string>? kinds)
    {
        if (kinds is null)
        {
            return null;
        }

        var unknown = kinds.Where(k => !PluginKinds.IsKnown(k)).ToList();
        if (unknown.Count > 0)
        {
            return $"The kinds {string.Join(", ", unknown.Select(k => $"'{k}'"))} are not known; use {string.Join(" or ", PluginKinds.All)}.";
        }

        return kinds.Distinct(StringComparer.Ordinal).Count() == kinds.Count ? null : "The kinds list a kind more than once.";
    }

    /// <summary>Checks the <c>configuration</c> keys a manifest declares.</summary>
    /// <param name="keys">The declared keys; <see langword="null"/> or empty is allowed.</param>
    /// <returns><see langword="null"/> when every key is well-formed (see <see cref="PluginConfigurationKey.Key"/>) and none repeats (ignoring case), otherwise why not.</returns>
    public static string? CheckConfigurationKeys(IReadOnlyList<PluginConfigurationKey?>? keys)
    {
        if (keys is null)
        {
            return null;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in keys)
        {
            var key = entry?.Key;
            if (!IsValidConfigurationKey(key))
            {
                return $"The configuration key '{key}' is not valid: use 1 to {MaxConfigurationKeyLength} letters, digits, '_', '-', '.' and ':' (not first or last).";
            }

            if (key!.Equals(PluginHostKeys.Section, StringComparison.OrdinalIgnoreCase)
                || key.StartsWith(PluginHostKeys.Section + ":", StringComparison.OrdinalIgnoreCase))
            {
                return $"The configuration key '{key}' is reserved: the host sets the keys under '{PluginHostKeys.Section}' itself.";
            }

            if (!seen.Add(key))
            {
                return $"The configuration key '{key}' is declared more than once.";
            }
        }

        return null;
    }

    private static bool IsValidConfigurationKey(string? key) =>
        !string.IsNullOrEmpty(key)
        && key.Length <= MaxConfigurationKeyLength
        && key[0] != ':'
        && key[^1] != ':'
        && !key.Contains("::", StringComparison.Ordinal)
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':');

    private static bool AreIdentifiers(string text) =>
        text.Length > 0 && text.Split('.').All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
}
