namespace Marketpilot.Plugins;

/// <summary>
/// The plugins the host found and what became of each. It is live: a plugin that faults, recovers, or whose folder
/// is replaced shows its new state at once. Registered as a singleton.
/// </summary>
/// <param name="path">The plugins folder that was searched.</param>
/// <param name="folderExists">Whether that folder existed.</param>
/// <param name="plugins">One entry per plugin folder, in folder-name order.</param>
public sealed class PluginCatalog(string path, bool folderExists, IReadOnlyList<PluginInfo> plugins)
{
    private readonly Lock _gate = new();
    private IReadOnlyList<PluginInfo> _plugins = [.. plugins.OrderBy(p => p.Path, StringComparer.Ordinal)];

    /// <summary>The absolute plugins folder that was searched.</summary>
    public string Path { get; } = path;

    /// <summary>Whether the plugins folder existed at start; when it did not, <see cref="Plugins"/> starts empty.</summary>
    public bool FolderExists { get; } = folderExists;

    /// <summary>Every plugin folder found, loaded, faulted or failed, in folder order; a snapshot.</summary>
    public IReadOnlyList<PluginInfo> Plugins => Volatile.Read(ref _plugins);

    /// <summary>The plugins that loaded (healthy or faulted).</summary>
    public IEnumerable<PluginInfo> Loaded => Plugins.Where(p => p.Status != PluginStatus.Failed);

    /// <summary>The plugins that were skipped.</summary>
    public IEnumerable<PluginInfo> Failed => Plugins.Where(p => p.Status == PluginStatus.Failed);

    /// <summary>The plugins that loaded but are faulted.</summary>
    public IEnumerable<PluginInfo> Faulted => Plugins.Where(p => p.Status == PluginStatus.Faulted);

    /// <summary>Finds a plugin by its id.</summary>
    /// <param name="id">The plugin id (or folder name, for a plugin whose manifest could not be read).</param>
    /// <returns>The plugin, or <see langword="null"/> when there is none with that id.</returns>
    public PluginInfo? Find(string id) =>
        Plugins.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal) && p.Status != PluginStatus.Failed)
        ?? Plugins.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.Ordinal));

    /// <summary>Adds or replaces the entry for <paramref name="info"/>'s folder.</summary>
    internal void Set(PluginInfo info)
    {
        lock (_gate)
        {
            _plugins = [.. _plugins.Where(p => !SameFolder(p.Path, info.Path)).Append(info).OrderBy(p => p.Path, StringComparer.Ordinal)];
        }
    }

    /// <summary>Changes the entry of a folder if it still is the one <paramref name="expected"/> describes.</summary>
    internal bool Update(PluginInfo expected, Func<PluginInfo, PluginInfo> change)
    {
        lock (_gate)
        {
            var current = _plugins.FirstOrDefault(p => SameFolder(p.Path, expected.Path));
            if (current is null || current.LoadedAt != expected.LoadedAt || current.Version != expected.Version)
            {
                return false;
            }

            var changed = change(current);
            _plugins = [.. _plugins.Select(p => ReferenceEquals(p, current) ? changed : p)];
            return true;
        }
    }

    /// <summary>Removes the entry of a folder that no longer exists.</summary>
    internal void Remove(string folder)
    {
        lock (_gate)
        {
            _plugins = [.. _plugins.Where(p => !SameFolder(p.Path, folder))];
        }
    }

    private static bool SameFolder(string a, string b) => string.Equals(
        System.IO.Path.TrimEndingDirectorySeparator(a), System.IO.Path.TrimEndingDirectorySeparator(b), StringComparison.Ordinal);
}
