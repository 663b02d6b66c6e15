using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Diagnostics;

/// <summary>
/// Logs one summary line per interval (<c>Marketpilot:Logging:SummaryIntervalSeconds</c>, default 60, 0 turns it off):
/// SKU updates, rule evaluations, action attempts by status, failed plugin calls and the outbox depth. It listens to the modules' own instruments, so
/// the line and <c>/metrics</c> count the same events; per-action detail is logged at Debug.
/// </summary>
/// <param name="options">Holds the interval.</param>
/// <param name="logger">Where the summary goes.</param>
public sealed partial class ActivitySummaryService(IOptions<ActivitySummaryOptions> options, ILogger<ActivitySummaryService> logger) : BackgroundService
{
    private const string Evaluations = "marketpilot.rules.evaluations";
    private const string Attempts = "marketpilot.actions.attempts";
    private const string PluginCalls = "marketpilot.plugins.calls";
    private const string SkuUpdates = Ingestion.IngestionMetrics.SkuUpdatesName;

    // Counts since the last line, by instrument and tag value. A measurement arrives with every rule evaluation, from
    // every thread at once: finding its counter builds no string and takes no lock (AddOrUpdate on one hot key
    // allocated a key and a closure per evaluation and contended on its bucket's lock).
    private readonly ConcurrentDictionary<(string Instrument, string? Tag), StrongBox<long>> _counts = new();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.SummaryIntervalSeconds;
        if (seconds <= 0)
        {
            return;
        }

        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name is Evaluations or Attempts or PluginCalls or SkuUpdates)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>(OnMeasurement);
        listener.Start();

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                WriteSummary(seconds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var tag = instrument.Name == Attempts ? "status" : "outcome";
        string? tagValue = null;
        foreach (var t in tags)
        {
            if (t.Key == tag)
            {
                tagValue = t.Value?.ToString();
            }
        }

        var counter = _counts.GetOrAdd((instrument.Name, tagValue), static _ => new StrongBox<long>());
        Interlocked.Add(ref counter.Value, value);
    }

    private void WriteSummary(int seconds)
    {
        // Counters stay in place (a handful of keys): each is read and zeroed at once, so nothing counted meanwhile is lost.
        var taken = _counts.Select(p => (p.Key.Instrument, p.Key.Tag, Count: Interlocked.Exchange(ref p.Value.Value, 0))).Where(c => c.Count != 0).ToList();

        long Sum(string instrument, Func<string?, bool> tag) =>
            taken.Where(c => c.Instrument == instrument && tag(c.Tag)).Sum(c => c.Count);

        var actions = string.Join(", ", taken.Where(c => c.Instrument == Attempts)
            .OrderBy(c => c.Tag, StringComparer.Ordinal).Select(c => $"{c.Tag} {c.Count}"));
        LogSummary(
            seconds,
            Sum(SkuUpdates, _ => true),
            Sum(Evaluations, _ => true),
            Sum(Evaluations, v => v == "Fired"),
            Sum(Evaluations, v => v is "Failed" or "TimedOut"),
            actions.Length == 0 ? "none" : actions,
            // A marketplace that asked for a pause (rate_limited) is not a failed call.
            Sum(PluginCalls, v => v is not ("success" or "rate_limited")),
            Actions.Telemetry.ActionMetrics.OutboxDepth);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Last {Seconds} s: {SkuUpdates} SKU updates, {Evaluations} rule evaluations ({Fired} fired, {FailedEvaluations} failed or timed out); action attempts: {Actions}; {PluginFaults} plugin calls failed; {OutboxDepth} actions wait in the outbox")]
    private partial void LogSummary(int seconds, long skuUpdates, long evaluations, long fired, long failedEvaluations, string actions, long pluginFaults, long outboxDepth);
}
