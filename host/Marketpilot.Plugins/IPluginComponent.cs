namespace Marketpilot.Plugins;

/// <summary>Implemented by the connectors and channels <see cref="IPluginRegistry"/> hands out: which plugin they come from.</summary>
public interface IPluginComponent
{
    /// <summary>The id of the plugin that provides this connector or channel.</summary>
    string PluginId { get; }

    /// <summary>The version of that plugin.</summary>
    string PluginVersion { get; }
}
