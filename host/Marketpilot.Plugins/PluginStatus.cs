namespace Marketpilot.Plugins;

/// <summary>What state one plugin is in.</summary>
public enum PluginStatus
{
    /// <summary>The plugin loaded and the host calls it.</summary>
    Loaded,

    /// <summary>The plugin was skipped; <see cref="PluginInfo.Reason"/> says why. None of its services are used.</summary>
    Failed,

    /// <summary>
    /// The plugin loaded but its calls failed, hung or returned garbage too often; the host stops calling it for a
    /// while (<see cref="PluginInfo.Reason"/> says why and until when), then tries again and marks it loaded once a call succeeds.
    /// </summary>
    Faulted,
}
