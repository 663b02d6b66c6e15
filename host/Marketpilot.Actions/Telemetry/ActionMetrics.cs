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

    private static long _outboxDepth;
    private static double _outboxOldestAgeSeconds;

    // Observable: the values come from OutboxGaugeSampler's last read of the store.
    private static readonly ObservableGauge<long> OutboxDepthGauge = Meter.CreateObservableGauge(
        "marketpilot.outbox.depth", () => Volatile.Read(ref _outboxDepth), "{action}", "Actions waiting in the outbox (proposed, not applied, rejected or failed yet).");
    private static readonly ObservableGauge<double> OutboxAgeGauge = Meter.CreateObservableGauge(
        "marketpilot.outbox.oldest_age", () => Volatile.Read(ref _outboxOldestAgeSeconds), "s", "How long the oldest action in the outbox has waited; 0 when none waits.");

    /// <summary>The outbox depth last sampled.</summary>
    public static long OutboxDepth => Volatile.Read(ref _outboxDepth);

    /// <summary>Records a sample of the outbox for the gauges.</summary>
    /// <param name="depth">What the store answered.</param>
    /// <param name="now">The time of the sample.</param>
    public static void OutboxSampled(OutboxDepth depth, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(depth);
        Volatile.Write(ref _outboxDepth, depth.Count);
        Volatile.Write(ref _outboxOldestAgeSeconds, depth.OldestProposedAt is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0);
    }

    /// <summary>Counts one recorded attempt.</summary>
    /// <param name="status">The action's status after the attempt (proposed means it will be retried).</param>
    public static void Attempted(ActionStatus status) => Attempts.Add(1, new KeyValuePair<string, object?>("status", ActionStatusNames.Of(status)));
}
