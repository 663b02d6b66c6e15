namespace Marketpilot.Plugins;

/// <summary>
/// What a plugin's connector or channel threw, when its text held a secret (a secret setting of the plugin, or a
/// credential of the shop the connector serves): the exception's type name and its message with every secret masked.
/// The original is dropped, so no log, failure reason or action record carries the secret; it counts as a failed call
/// like the original would.
/// </summary>
public sealed class ScrubbedPluginException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScrubbedPluginException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The original's type name and masked message.</param>
    public ScrubbedPluginException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The original's type name and masked message.</param>
    /// <param name="innerException">A cause that holds no secret.</param>
    public ScrubbedPluginException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
