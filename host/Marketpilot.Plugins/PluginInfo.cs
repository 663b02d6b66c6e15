namespace Marketpilot.Plugins;

/// <summary>What the host knows about one plugin folder.</summary>
/// <param name="Id">The manifest id, or the folder name when the manifest could not be read.</param>
/// <param name="Version">The plugin's version from its manifest; <see langword="null"/> when the manifest could not be read.</param>
/// <param name="Path">The plugin's folder.</param>
/// <param name="Status">Loaded, failed or faulted.</param>
/// <param name="Reason">Why the plugin failed or is faulted; <see langword="null"/> when it is loaded and healthy.</param>
/// <param name="Provides">What the plugin registered, for example <c>connector:simulator</c> or <c>channel:webhook</c>; empty when it failed.</param>
public sealed record PluginInfo(
    string Id,
    string? Version,
    string Path,
    PluginStatus Status,
    string? Reason,
    IReadOnlyList<string> Provides)
{
    /// <summary>What the manifest says the plugin provides, for example <c>connector</c> or <c>channel</c>; empty when the manifest could not be read.</summary>
    public IReadOnlyList<string> Kinds { get; init; } = [];

    /// <summary>When this version of the plugin was loaded (or failed to load).</summary>
    public DateTimeOffset? LoadedAt { get; init; }

    internal static PluginInfo Failed(string id, string? version, string path, string reason) =>
        new(id, version, path, PluginStatus.Failed, reason, []);
}
