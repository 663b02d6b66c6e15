namespace Marketpilot.Plugins;

/// <summary>The position of a circuit breaker (<see cref="BreakerState"/>).</summary>
public enum CircuitState
{
    /// <summary>Calls go through.</summary>
    Closed,

    /// <summary>Calls failed too often; they fail at once until <see cref="BreakerState.Until"/>.</summary>
    Open,

    /// <summary>The break is over; one trial call is running, and others fail at once until it decides.</summary>
    HalfOpen,
}
