namespace Marketpilot.Plugins;

/// <summary>What the host knows about one plugin folder after trying to load it.</summary>
/// <param name="Id">The manifest id, or the folder name when the manifest could not be read.</param>
/// <param name="Version">The plugin's version from its manifest; <see langword="null"/> when the manifest could not be read.</param>
/// <param name="Path">The plugin's folder.</param>
/// <param name="Status">Whether the plugin loaded.</param>
/// <param name="Reason">Why the plugin failed; <see langword="null"/> when it loaded.</param>
/// <param name="Provides">What the plugin registered, for example <c>connector:simulator</c> or <c>channel:webhook</c>; empty when it failed.</param>
public sealed record PluginInfo(
    string Id,
    string? Version,
    string Path,
    PluginStatus Status,
    string? Reason,
    IReadOnlyList<string> Provides)
{
    internal static PluginInfo Failed(string id, string? version, string path, string reason) =>
        new(id, version, path, PluginStatus.Failed, reason, []);
}
