using Marketpilot.Actions.Control;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Actions.Telemetry;

/// <summary>
/// Reads the outbox's depth and the age of its oldest action from the store every <see cref="Interval"/> for the
/// <c>marketpilot.outbox.*</c> gauges; a metrics scrape then costs no query. In a cluster every silo samples the one
/// shared outbox, so each reports the same depth.
/// </summary>
/// <param name="log">The action log and outbox store.</param>
/// <param name="timeProvider">The clock the age is measured on.</param>
/// <param name="logger">The logger.</param>
public sealed partial class OutboxGaugeSampler(IActionLog log, TimeProvider timeProvider, ILogger<OutboxGaugeSampler> logger) : SiloLoop
{
    /// <summary>How often the outbox is sampled.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    /// <summary>Samples once now.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>What was sampled.</returns>
    public async Task<OutboxDepth> SampleAsync(CancellationToken cancellationToken = default)
    {
        var depth = await log.GetOutboxDepthAsync(cancellationToken);
        ActionMetrics.OutboxSampled(depth, timeProvider.GetUtcNow());
        return depth;
    }

    /// <inheritdoc/>
    protected override async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        do
        {
            try
            {
                await SampleAsync(stopping);
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                // The gauges keep their last values; the storage health check reports the store itself.
                LogSampleFailed(ex.GetType().Name);
            }
        }
        while (await WaitAsync(timer, stopping));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reading the outbox depth failed ({ExceptionType}); the gauges keep their last values")]
    private partial void LogSampleFailed(string exceptionType);
}
