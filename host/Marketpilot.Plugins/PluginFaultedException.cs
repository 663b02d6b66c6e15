namespace Marketpilot.Plugins;

/// <summary>
/// Thrown instead of calling a plugin while it is <see cref="PluginStatus.Faulted"/>, or instead of calling a shop's
/// connector while that shop's breaker is open (<see cref="Shops.ConfiguredShop.Breaker"/>).
/// </summary>
public sealed class PluginFaultedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PluginFaultedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Which plugin, and why it is faulted.</param>
    public PluginFaultedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the circuit breaker's exception.</summary>
    /// <param name="message">Which plugin, and why it is faulted.</param>
    /// <param name="innerException">What the circuit breaker threw.</param>
    public PluginFaultedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
