using System.Diagnostics.Metrics;

namespace Marketpilot.Actions.Telemetry;

/// <summary>The action module's instruments, on the <see cref="MeterName"/> meter.</summary>
public static class ActionMetrics
{
    /// <summary>The meter's name, for exporters to listen to.</summary>
    public const string MeterName = "Marketpilot.Actions";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Attempts = Meter.CreateCounter<long>(
        "marketpilot.actions.attempts", description: "Recorded dispatch attempts of proposed actions, by the status each left the action in.");

    /// <summary>Counts one recorded attempt.</summary>
    /// <param name="status">The action's status after the attempt (proposed means it will be retried).</param>
    public static void Attempted(ActionStatus status) => Attempts.Add(1, new KeyValuePair<string, object?>("status", ActionStatusNames.Of(status)));
}
