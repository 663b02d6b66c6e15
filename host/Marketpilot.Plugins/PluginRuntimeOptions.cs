using System.ComponentModel.DataAnnotations;

namespace Marketpilot.Plugins;

/// <summary>
/// How the host guards and reloads loaded plugins. Bound to <c>Marketpilot:Plugins:Runtime</c> (so <c>runtime</c>,
/// like <c>path</c>, cannot be a plugin id: <see cref="Sdk.Plugins.PluginManifestRules.IsValidId"/>).
/// </summary>
/// <remarks>
/// Every call into a plugin (a connector's pull or apply, a channel's send) runs with a timeout inside a circuit
/// breaker: each configured shop's connector has a breaker of its own, everything else of the plugin (its
/// marketplace-wide connectors, its channels, its factories creating the shops' connectors) shares the plugin's. When at
/// least <see cref="FailureRatio"/> of the calls in <see cref="SamplingDurationMilliseconds"/> fail (throw, time out or
/// return garbage), and there were at least <see cref="MinimumThroughput"/> of them, the breaker opens: calls through it
/// fail at once for <see cref="BreakDurationMilliseconds"/>, then one trial call decides whether it has recovered. The
/// plugin's breaker open makes the plugin <see cref="PluginStatus.Faulted"/>; a shop's breaker open shows on that shop
/// (<see cref="Shops.ConfiguredShop.Breaker"/>) and leaves the plugin and its other shops running.
/// </remarks>
public sealed class PluginRuntimeOptions
{
    /// <summary>The configuration section these options are bound to.</summary>
    public const string SectionName = "Marketpilot:Plugins:Runtime";

    /// <summary>How long one call into a plugin may take before it is abandoned and counted as a failure.</summary>
    /// <value>The default is 30000 ms.</value>
    [Range(1, 600_000)]
    public int CallTimeoutMilliseconds { get; set; } = 30_000;

    /// <summary>The share of failed calls, within the sampling window, that opens a breaker (faults the plugin, or suspends a shop).</summary>
    /// <value>From 0.01 to 1; the default is 0.5.</value>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>How many calls through one breaker the sampling window must hold before it can open.</summary>
    /// <value>The default is 5.</value>
    [Range(2, 10_000)]
    public int MinimumThroughput { get; set; } = 5;

    /// <summary>The window over which failures are counted.</summary>
    /// <value>The default is 60000 ms.</value>
    [Range(500, 3_600_000)]
    public int SamplingDurationMilliseconds { get; set; } = 60_000;

    /// <summary>How long an open breaker (a faulted plugin, a suspended shop) stays open before a trial call.</summary>
    /// <value>The default is 30000 ms.</value>
    [Range(500, 86_400_000)]
    public int BreakDurationMilliseconds { get; set; } = 30_000;

    /// <summary>Whether a change under a plugin's folder (replaced, added, removed) reloads that plugin while the host runs.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>How long a plugin's folder must stay unchanged before it is reloaded, so a copy in progress is not loaded half-way.</summary>
    /// <value>The default is 2000 ms.</value>
    [Range(10, 600_000)]
    public int ReloadQuietPeriodMilliseconds { get; set; } = 2_000;
}
