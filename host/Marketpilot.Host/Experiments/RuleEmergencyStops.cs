using Marketpilot.Actions.Control;
using Marketpilot.Scripting;

namespace Marketpilot.Host.Experiments;

/// <summary>Reads a rule's emergency stop for the routes that show it (the rule list and the report).</summary>
public static class RuleEmergencyStops
{
    /// <summary>The emergency stop of this version of <paramref name="rule"/>; <see langword="null"/> when it was not stopped (a stop of an older version no longer applies).</summary>
    /// <param name="grains">The grain factory.</param>
    /// <param name="rule">The rule.</param>
    /// <returns>The stop, if any.</returns>
    public static async Task<RuleEmergencyStop?> EmergencyStopOfAsync(this IGrainFactory grains, RuleDescriptor rule)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(rule);
        return await grains.GetGrain<IRuleEmergencyGrain>(rule.Id).GetAsync() is { } stop && stop.Version == rule.Version ? stop : null;
    }
}
