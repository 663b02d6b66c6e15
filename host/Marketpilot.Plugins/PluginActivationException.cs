namespace Marketpilot.Plugins;

/// <summary>Why a plugin that registered its services still could not be used; its message is the reason shown for the plugin.</summary>
internal sealed class PluginActivationException : Exception
{
    public PluginActivationException()
    {
    }

    public PluginActivationException(string message)
        : base(message)
    {
    }

    public PluginActivationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
