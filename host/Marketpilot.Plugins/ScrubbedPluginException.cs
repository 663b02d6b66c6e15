namespace Marketpilot.Plugins;

/// <summary>
/// What a shop's connector threw, when its text held one of the shop's credentials: the exception's type name and its
/// message with every credential masked. The original is dropped, so no log, failure reason or action record carries
/// the secret; it counts as a failed call like the original would.
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
