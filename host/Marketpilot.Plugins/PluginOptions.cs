namespace Marketpilot.Plugins;

/// <summary>Where the host looks for plugins. Bound to <c>Marketpilot:Plugins</c>.</summary>
/// <remarks>
/// Each plugin lives in its own sub-folder of <see cref="Path"/>, with a <c>plugin.json</c> manifest next
/// to its entry assembly. A plugin's own settings are the section <c>Marketpilot:Plugins:&lt;plugin id&gt;</c>,
/// which is why <c>path</c> is not a valid plugin id.
/// </remarks>
public sealed class PluginOptions
{
    /// <summary>The configuration section these options are bound to.</summary>
    public const string SectionName = "Marketpilot:Plugins";

    /// <summary>The folder that holds one sub-folder per plugin; a relative path is resolved against the host's base directory.</summary>
    /// <value>The default is <c>plugins</c>.</value>
    public string Path { get; set; } = "plugins";

    /// <summary>
    /// The host's data folder, under which every loaded plugin gets a state folder of its own, <c>&lt;DataPath&gt;/&lt;plugin id&gt;</c>,
    /// passed to it as <see cref="Sdk.Plugins.PluginHostKeys.StateDirectory"/>. A relative path is resolved against the current directory.
    /// </summary>
    /// <value>
    /// Not read from configuration: the host sets it to <c>Marketpilot:DataPath</c>. The default, <see langword="null"/>, gives
    /// plugins no state folder (CLI verbs that only inspect plugins, such as <c>plugins verify</c>, leave the shop's state alone).
    /// </value>
    public string? DataPath { get; set; }

    /// <summary>The absolute plugins folder: <see cref="Path"/> resolved against <see cref="AppContext.BaseDirectory"/>.</summary>
    /// <returns>The full path of the plugins folder.</returns>
    public string ResolvePath() =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(AppContext.BaseDirectory, string.IsNullOrWhiteSpace(Path) ? "plugins" : Path));
}
