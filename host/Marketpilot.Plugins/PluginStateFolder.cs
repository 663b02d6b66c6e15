using Marketpilot.Sdk.Plugins;
using Microsoft.Extensions.Configuration;

namespace Marketpilot.Plugins;

/// <summary>The state folder each plugin gets under the data folder, and the configuration that tells the plugin where it is.</summary>
internal static class PluginStateFolder
{
    /// <summary>Creates <c>&lt;dataPath&gt;/&lt;pluginId&gt;</c> if it does not exist yet.</summary>
    /// <param name="dataPath">The host's data folder; a relative path is resolved against the current directory.</param>
    /// <param name="pluginId">The plugin's validated id.</param>
    /// <returns>The full path of the plugin's state folder.</returns>
    /// <exception cref="PluginActivationException">The id would name a folder other than a direct child of the data folder.</exception>
    /// <exception cref="IOException">The folder cannot be created.</exception>
    public static string Create(string dataPath, string pluginId)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataPath));
        var folder = Path.GetFullPath(Path.Combine(root, pluginId));
        // Ids are validated already; this keeps the promise even if that validation ever loosens ("..", rooted or nested ids).
        if (!PluginManifest.IsValidId(pluginId) || !string.Equals(Path.GetDirectoryName(folder), root, StringComparison.Ordinal))
        {
            throw new PluginActivationException($"The id '{pluginId}' does not name a state folder directly inside the data folder {root}.");
        }

        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The plugin's section with <see cref="PluginHostKeys.StateDirectory"/> set on top, so the plugin's own settings cannot override it.</summary>
    /// <param name="section">The plugin's section, <c>Marketpilot:Plugins:&lt;id&gt;</c>.</param>
    /// <param name="stateDirectory">The full path of the plugin's state folder.</param>
    /// <returns>A configuration that reads through to <paramref name="section"/> for every other key.</returns>
    public static IConfiguration WithStateDirectory(IConfiguration section, string stateDirectory) =>
        new ConfigurationBuilder()
            .AddConfiguration(section, shouldDisposeConfiguration: false)
            .AddInMemoryCollection([new(PluginHostKeys.StateDirectory, stateDirectory)])
            .Build();
}
