using System.Diagnostics.Metrics;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting.Telemetry;

/// <summary>The rule module's instruments, on the <see cref="MeterName"/> meter.</summary>
public static class RuleMetrics
{
    /// <summary>The meter's name, for exporters to listen to.</summary>
    public const string MeterName = "Marketpilot.Rules";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Evaluations = Meter.CreateCounter<long>(
        "marketpilot.rules.evaluations", description: "Rule evaluations of one rule on one SKU, by outcome.");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "marketpilot.rules.evaluation.duration", unit: "ms", description: "Time of one rule evaluation, including the trip to a worker.");

    /// <summary>Counts one evaluation and records how long it took.</summary>
    /// <param name="outcome">How it ended.</param>
    /// <param name="elapsed">How long it took.</param>
    public static void Evaluated(RuleOutcome outcome, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome.ToString());
        Evaluations.Add(1, tag);
        Duration.Record(elapsed.TotalMilliseconds, tag);
    }
}
