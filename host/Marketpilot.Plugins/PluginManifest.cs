using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketpilot.Plugins;

/// <summary>A plugin's <c>plugin.json</c>: who it is, what it was built against and where its code is.</summary>
/// <remarks>The host reads and checks the manifest before it loads any code from the plugin's folder.</remarks>
public sealed record PluginManifest
{
    /// <summary>The manifest's file name, in the plugin's folder.</summary>
    public const string FileName = "plugin.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The plugin id: lower-case letters, digits and '-', at most 64 characters, not <c>path</c>. It names the plugin's configuration section.</summary>
    public string Id { get; init; } = "";

    /// <summary>The plugin's own version, for example <c>1.2.0</c>.</summary>
    public string Version { get; init; } = "";

    /// <summary>The <c>major.minor</c> of <c>Marketpilot.Sdk</c> the plugin was built against, for example <c>0.1</c>.</summary>
    public string SdkVersion { get; init; } = "";

    /// <summary>The file name of the plugin's entry assembly, in the plugin's folder.</summary>
    public string EntryAssembly { get; init; } = "";

    /// <summary>What the plugin provides, for example <c>connector</c> or <c>channel</c>; informative only.</summary>
    public IReadOnlyList<string> Kinds { get; init; } = [];

    /// <summary>A one-line description for operators.</summary>
    public string? Description { get; init; }

    /// <summary>Reads <see cref="FileName"/> from a plugin folder.</summary>
    /// <param name="pluginFolder">The plugin's folder.</param>
    /// <param name="reason">Why the manifest could not be read; <see langword="null"/> on success.</param>
    /// <returns>The manifest as written, not yet validated; <see langword="null"/> when it is missing or not valid JSON.</returns>
    public static PluginManifest? Read(string pluginFolder, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(pluginFolder);

        var file = Path.Combine(pluginFolder, FileName);
        if (!File.Exists(file))
        {
            reason = $"The folder has no {FileName} manifest.";
            return null;
        }

        try
        {
            var manifest = JsonSerializer.Deserialize<PluginManifest>(File.ReadAllText(file), JsonOptions);
            reason = manifest is null ? $"{FileName} is empty (null)." : null;
            return manifest;
        }
        catch (JsonException ex)
        {
            reason = $"{FileName} is not a valid manifest: {ex.Message}";
            return null;
        }
        catch (IOException ex)
        {
            reason = $"{FileName} could not be read: {ex.Message}";
            return null;
        }
    }

    /// <summary>Checks the manifest against the plugin's folder and the host's SDK version.</summary>
    /// <param name="pluginFolder">The plugin's folder, where <see cref="EntryAssembly"/> must be.</param>
    /// <param name="hostSdkVersion">The version of <c>Marketpilot.Sdk</c> the host runs with.</param>
    /// <returns>
    /// Why the plugin must not be loaded, or <see langword="null"/> when it may. The SDK versions must have the
    /// same major; below 1.0 the minors must match too; from 1.0 the plugin's minor must not exceed the host's.
    /// </returns>
    public string? Validate(string pluginFolder, Version hostSdkVersion)
    {
        ArgumentNullException.ThrowIfNull(pluginFolder);
        ArgumentNullException.ThrowIfNull(hostSdkVersion);

        if (!IsValidId(Id))
        {
            return string.IsNullOrEmpty(Id)
                ? $"{FileName} has no id."
                : $"The id '{Id}' is not valid: use 1 to 64 lower-case letters, digits and '-', and not 'path'.";
        }

        if (string.IsNullOrWhiteSpace(Version))
        {
            return $"{FileName} has no version.";
        }

        if (string.IsNullOrWhiteSpace(EntryAssembly))
        {
            return $"{FileName} has no entryAssembly.";
        }

        if (Path.IsPathRooted(EntryAssembly) || EntryAssembly.Contains("..", StringComparison.Ordinal))
        {
            return $"The entryAssembly '{EntryAssembly}' must be a file name inside the plugin's folder.";
        }

        if (!File.Exists(Path.Combine(pluginFolder, EntryAssembly)))
        {
            return $"The entry assembly '{EntryAssembly}' is missing from the plugin's folder.";
        }

        return CheckSdkVersion(hostSdkVersion);
    }

    internal static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id)
        && id.Length <= 64
        && id != "path"
        && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private string? CheckSdkVersion(Version host)
    {
        if (!System.Version.TryParse(SdkVersion, out var built) || SdkVersion.Count(c => c == '.') > 2)
        {
            return string.IsNullOrWhiteSpace(SdkVersion)
                ? $"{FileName} has no sdkVersion."
                : $"The sdkVersion '{SdkVersion}' is not a 'major.minor' version.";
        }

        var hostText = $"{host.Major}.{host.Minor}";
        if (built.Major != host.Major)
        {
            return $"The plugin was built against Marketpilot.Sdk {SdkVersion}; the host has {hostText} (a different major version).";
        }

        if (host.Major == 0 && built.Minor != host.Minor)
        {
            return $"The plugin was built against Marketpilot.Sdk {SdkVersion}; the host has {hostText} (before 1.0 every minor version may break).";
        }

        if (built.Minor > host.Minor)
        {
            return $"The plugin was built against Marketpilot.Sdk {SdkVersion}, newer than the host's {hostText}.";
        }

        return null;
    }
}
