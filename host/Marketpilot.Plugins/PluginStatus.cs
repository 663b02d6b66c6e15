namespace Marketpilot.Plugins;

/// <summary>The outcome of loading one plugin.</summary>
public enum PluginStatus
{
    /// <summary>The plugin loaded and its services are registered.</summary>
    Loaded,

    /// <summary>The plugin was skipped; <see cref="PluginInfo.Reason"/> says why. None of its services are registered.</summary>
    Failed,
}
