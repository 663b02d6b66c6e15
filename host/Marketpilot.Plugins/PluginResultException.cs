namespace Marketpilot.Plugins;

/// <summary>Thrown when a plugin returned something the host cannot use (a null page, a null result); it counts as a failed call.</summary>
public sealed class PluginResultException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PluginResultException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was wrong with the result.</param>
    public PluginResultException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was wrong with the result.</param>
    /// <param name="innerException">The cause.</param>
    public PluginResultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
