using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Marketpilot.Host.Diagnostics;

/// <summary>
/// Logs one summary line per interval (<c>Marketpilot:Logging:SummaryIntervalSeconds</c>, default 60, 0 turns it off):
/// SKU updates, rule evaluations, action attempts by status, failed plugin calls and the outbox depth. It listens to the modules' own instruments, so
/// the line and <c>/metrics</c> count the same events; per-action detail is logged at Debug.
/// </summary>
/// <param name="configuration">Holds the interval.</param>
/// <param name="logger">Where the summary goes.</param>
public sealed partial class ActivitySummaryService(IConfiguration configuration, ILogger<ActivitySummaryService> logger) : BackgroundService
{
    /// <summary>The configuration key of the interval in seconds.</summary>
    public const string IntervalKey = "Marketpilot:Logging:SummaryIntervalSeconds";

    private const string Evaluations = "marketpilot.rules.evaluations";
    private const string Attempts = "marketpilot.actions.attempts";
    private const string PluginCalls = "marketpilot.plugins.calls";
    private const string SkuUpdates = Ingestion.IngestionMetrics.SkuUpdatesName;

    // Counts since the last line, keyed by "instrument|tag value".
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue(IntervalKey, 60);
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

        _counts.AddOrUpdate($"{instrument.Name}|{tagValue}", value, (_, old) => old + value);
    }

    private void WriteSummary(int seconds)
    {
        var taken = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var key in _counts.Keys)
        {
            if (_counts.TryRemove(key, out var count))
            {
                taken[key] = count;
            }
        }

        long Sum(string instrument, Func<string, bool> value) =>
            taken.Where(p => p.Key.StartsWith(instrument + "|", StringComparison.Ordinal) && value(p.Key[(instrument.Length + 1)..])).Sum(p => p.Value);

        var actions = string.Join(", ", taken.Where(p => p.Key.StartsWith(Attempts + "|", StringComparison.Ordinal))
            .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key[(Attempts.Length + 1)..]} {p.Value}"));
        LogSummary(
            seconds,
            Sum(SkuUpdates, _ => true),
            Sum(Evaluations, _ => true),
            Sum(Evaluations, v => v == "Fired"),
            Sum(Evaluations, v => v is "Failed" or "TimedOut"),
            actions.Length == 0 ? "none" : actions,
            Sum(PluginCalls, v => v != "success"),
            Actions.Telemetry.ActionMetrics.OutboxDepth);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Last {Seconds} s: {SkuUpdates} SKU updates, {Evaluations} rule evaluations ({Fired} fired, {FailedEvaluations} failed or timed out); action attempts: {Actions}; {PluginFaults} plugin calls failed; {OutboxDepth} actions wait in the outbox")]
    private partial void LogSummary(int seconds, long skuUpdates, long evaluations, long fired, long failedEvaluations, string actions, long pluginFaults, long outboxDepth);
}
