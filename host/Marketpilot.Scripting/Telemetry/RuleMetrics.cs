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
    private static readonly Histogram<int> MessageSize = Meter.CreateHistogram<int>(
        "marketpilot.rules.worker.message.evaluations", unit: "{evaluation}", description: "Evaluations sent to a rule worker in one message.");
    private static readonly Histogram<double> MessageRoundTrip = Meter.CreateHistogram<double>(
        "marketpilot.rules.worker.message.duration", unit: "ms", description: "Time from sending a message to a rule worker to reading its answer.");

    /// <summary>Counts one evaluation and records how long it took.</summary>
    /// <param name="outcome">How it ended.</param>
    /// <param name="elapsed">How long it took.</param>
    public static void Evaluated(RuleOutcome outcome, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome.ToString());
        Evaluations.Add(1, tag);
        Duration.Record(elapsed.TotalMilliseconds, tag);
    }

    /// <summary>Records one message to a rule worker that was answered.</summary>
    /// <param name="evaluations">The evaluations it held.</param>
    /// <param name="roundTrip">How long the worker took to answer, encoding included.</param>
    public static void WorkerMessage(int evaluations, TimeSpan roundTrip)
    {
        MessageSize.Record(evaluations);
        MessageRoundTrip.Record(roundTrip.TotalMilliseconds);
    }
}
