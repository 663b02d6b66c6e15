namespace Marketpilot.TestPlugins.Needy.Library;

/// <summary>A private dependency of the needy test plugin that the host never has; a test deletes it from the plugin folder.</summary>
public static class ChannelName
{
    /// <summary>The channel's name.</summary>
    public static string Value => "needy";
}
