namespace Marketpilot.Plugins;

/// <summary>The plugins the host found at start-up and what became of each. Registered as a singleton.</summary>
/// <param name="path">The plugins folder that was searched.</param>
/// <param name="folderExists">Whether that folder existed.</param>
/// <param name="plugins">One entry per plugin folder, in folder-name order.</param>
public sealed class PluginCatalog(string path, bool folderExists, IReadOnlyList<PluginInfo> plugins)
{
    /// <summary>The absolute plugins folder that was searched.</summary>
    public string Path { get; } = path;

    /// <summary>Whether the plugins folder existed; when it did not, <see cref="Plugins"/> is empty.</summary>
    public bool FolderExists { get; } = folderExists;

    /// <summary>Every plugin folder found, loaded or failed.</summary>
    public IReadOnlyList<PluginInfo> Plugins { get; } = plugins;

    /// <summary>The plugins that loaded.</summary>
    public IEnumerable<PluginInfo> Loaded => Plugins.Where(p => p.Status == PluginStatus.Loaded);

    /// <summary>The plugins that were skipped.</summary>
    public IEnumerable<PluginInfo> Failed => Plugins.Where(p => p.Status == PluginStatus.Failed);

    /// <summary>Finds a plugin by its id.</summary>
    /// <param name="id">The plugin id (or folder name, for a plugin whose manifest could not be read).</param>
    /// <returns>The plugin, or <see langword="null"/> when there is none with that id.</returns>
    public PluginInfo? Find(string id) => Plugins.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));
}
