using System.Diagnostics;
using Serilog.Core;
using Serilog.Events;

namespace Marketpilot.Host.Hosting;

/// <summary>
/// Drops Orleans watchdog warnings that report a stall longer than this host has been running. Orleans 10's watchdog
/// starts its platform thread before it stamps the component check's start, so on a busy machine the first tick can
/// measure from timestamp zero and warn of a "participant check" stalled for as long as the machine has been up, with
/// a hint of deadlock, at a silo that started a second ago. No real stall outlasts the process; every other watchdog
/// warning is kept.
/// </summary>
public sealed class ImpossibleStallFilter : ILogEventFilter
{
    private const string WatchdogSource = "Orleans.Runtime.Watchdog";
    private const string StallProperty = "TimeSinceLastTick";

    private readonly long _startedAt = Stopwatch.GetTimestamp();

    /// <inheritdoc />
    public bool IsEnabled(LogEvent logEvent) => !IsImpossible(logEvent, Stopwatch.GetElapsedTime(_startedAt));

    /// <summary>Whether <paramref name="logEvent"/> is a watchdog stall longer than <paramref name="running"/>.</summary>
    public static bool IsImpossible(LogEvent logEvent, TimeSpan running) =>
        logEvent.Properties.TryGetValue("SourceContext", out var source)
        && source is ScalarValue { Value: WatchdogSource }
        && logEvent.Properties.TryGetValue(StallProperty, out var stall)
        && stall is ScalarValue { Value: TimeSpan duration }
        && duration > running;
}
