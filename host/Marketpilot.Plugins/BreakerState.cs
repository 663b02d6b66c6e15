namespace Marketpilot.Plugins;

/// <summary>Where one circuit breaker stands: a plugin's, or one configured shop's (<see cref="Shops.ConfiguredShop.Breaker"/>).</summary>
/// <param name="State">Closed (calls go through), open (calls fail at once) or half-open (one trial call decides).</param>
/// <param name="Reason">The failure that opened it, secrets masked; <see langword="null"/> while it is closed.</param>
/// <param name="Until">When the host tries a call again; <see langword="null"/> while it is closed.</param>
public sealed record BreakerState(CircuitState State, string? Reason, DateTimeOffset? Until)
{
    /// <summary>A breaker that lets calls through.</summary>
    public static BreakerState Closed { get; } = new(CircuitState.Closed, null, null);
}
