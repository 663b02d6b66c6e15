using System.Text.Json;
using Marketpilot.Sdk.Plugins;
using Microsoft.Extensions.Configuration;

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

    /// <summary>The plugin's own SemVer version, for example <c>1.2.0</c> or <c>1.3.0-beta.1</c>.</summary>
    public string Version { get; init; } = "";

    /// <summary>
    /// The <c>major.minor</c> of <c>Marketpilot.Sdk</c> the plugin was built against, for example <c>0.1</c>. It is the
    /// low end of the SDK range the plugin runs on; <see cref="PluginManifestRules.CheckSdkVersion"/> gives the range.
    /// </summary>
    public string SdkVersion { get; init; } = "";

    /// <summary>The file name of the plugin's entry assembly, in the plugin's folder.</summary>
    public string EntryAssembly { get; init; } = "";

    /// <summary>What the plugin provides: <see cref="PluginKinds.Connector"/> and/or <see cref="PluginKinds.Channel"/>. Unknown kinds fail validation.</summary>
    public IReadOnlyList<string> Kinds { get; init; } = [];

    /// <summary>A one-line description for operators.</summary>
    public string? Description { get; init; }

    /// <summary>Who wrote the plugin, for operators; optional.</summary>
    public string? Author { get; init; }

    /// <summary>The keys the plugin reads from its section <c>Marketpilot:Plugins:&lt;id&gt;</c>; empty when it reads none or does not say.</summary>
    public IReadOnlyList<PluginConfigurationKey> Configuration { get; init; } = [];

    /// <summary>The plugin's configuration section path in the host's configuration.</summary>
    public string ConfigurationSection => $"{PluginOptions.SectionName}:{Id}";

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
    /// The version must be SemVer; kinds must be known; configuration keys must be well-formed and unique.
    /// </returns>
    public string? Validate(string pluginFolder, Version hostSdkVersion) => Validate(pluginFolder, hostSdkVersion, section: null);

    /// <summary>
    /// Checks the manifest as <see cref="Validate(string, Version)"/> does and, when <paramref name="section"/> is given,
    /// that every <see cref="PluginConfigurationKey.Required"/> key has a value there.
    /// </summary>
    /// <param name="pluginFolder">The plugin's folder, where <see cref="EntryAssembly"/> must be.</param>
    /// <param name="hostSdkVersion">The version of <c>Marketpilot.Sdk</c> the host runs with.</param>
    /// <param name="section">The plugin's configuration section (<see cref="ConfigurationSection"/>); <see langword="null"/> skips the required-key check.</param>
    /// <returns>Why the plugin must not be loaded, or <see langword="null"/> when it may. The reason names missing keys, never values.</returns>
    public string? Validate(string pluginFolder, Version hostSdkVersion, IConfiguration? section)
    {
        ArgumentNullException.ThrowIfNull(pluginFolder);
        ArgumentNullException.ThrowIfNull(hostSdkVersion);

        if (!IsValidId(Id))
        {
            return string.IsNullOrEmpty(Id)
                ? $"{FileName} has no id."
                : $"The id '{Id}' is not valid: use {PluginManifestRules.IdRule}.";
        }

        if (string.IsNullOrWhiteSpace(Version))
        {
            return $"{FileName} has no version.";
        }

        if (!PluginManifestRules.IsValidVersion(Version))
        {
            return $"The version '{Version}' is not a SemVer version such as 1.2.0.";
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

        var invalid = CheckSdkVersion(hostSdkVersion)
            ?? PluginManifestRules.CheckKinds(Kinds)
            ?? PluginManifestRules.CheckConfigurationKeys(Configuration);
        if (invalid is not null || section is null)
        {
            return invalid;
        }

        var missing = FindMissingConfiguration(section);
        return missing.Count == 0
            ? null
            : $"Required configuration is missing: {string.Join(", ", missing.Select(k => $"{ConfigurationSection}:{k}"))}.";
    }

    /// <summary>Lists the <see cref="PluginConfigurationKey.Required"/> keys that have no value in <paramref name="section"/>.</summary>
    /// <param name="section">The plugin's configuration section.</param>
    /// <returns>The missing keys as declared; empty when none is missing. Values are never read out.</returns>
    public IReadOnlyList<string> FindMissingConfiguration(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return [.. (Configuration ?? []).Where(k => k is { Required: true } && string.IsNullOrWhiteSpace(section[k.Key])).Select(k => k.Key)];
    }

    internal static bool IsValidId(string? id) => PluginManifestRules.IsValidId(id);

    private string? CheckSdkVersion(Version host)
    {
        var reason = PluginManifestRules.CheckSdkVersion(SdkVersion, host);
        return reason?.Replace("The manifest has", $"{FileName} has", StringComparison.Ordinal);
    }
}
