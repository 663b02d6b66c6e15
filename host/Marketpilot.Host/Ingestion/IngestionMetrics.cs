using System.Diagnostics.Metrics;

namespace Marketpilot.Host.Ingestion;

/// <summary>The ingestion's instruments, on the <see cref="MeterName"/> meter.</summary>
public static class IngestionMetrics
{
    /// <summary>The meter's name, for exporters to listen to.</summary>
    public const string MeterName = "Marketpilot.Ingestion";

    /// <summary>The name of the counter of recorded SKU snapshots.</summary>
    public const string SkuUpdatesName = "marketpilot.skus.updates";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> SkuUpdates = Meter.CreateCounter<long>(
        SkuUpdatesName, "{update}", "SKU snapshots recorded durably (through the API or a connector's sync), after their rules ran.");

    /// <summary>Counts one recorded SKU snapshot.</summary>
    public static void SkuUpdated() => SkuUpdates.Add(1);
}
