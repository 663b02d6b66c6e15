using Marketpilot.Actions.Control;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketpilot.Actions.Dispatch;

/// <summary>
/// The loop that drains the outbox outside any grain turn or HTTP request: woken by <see cref="OutboxSignal"/> when
/// actions are queued and every <see cref="ActionDispatchOptions.RetryPollMilliseconds"/> for retries, it takes due
/// actions while automation is on (<see cref="IAutomationGrain"/>) and dispatches them, shops in parallel.
/// </summary>
/// <param name="outbox">Claims and dispatches due actions.</param>
/// <param name="log">Takes back this silo's unsettled claims when the loop stops.</param>
/// <param name="signal">Wakes the loop.</param>
/// <param name="grains">Reaches the automation switch.</param>
/// <param name="options">The poll interval and batch size.</param>
/// <param name="logger">The logger.</param>
public sealed partial class OutboxDispatcher(
    ActionOutbox outbox,
    IActionLog log,
    OutboxSignal signal,
    IGrainFactory grains,
    IOptions<ActionDispatchOptions> options,
    ILogger<OutboxDispatcher> logger) : SiloLoop
{
    /// <inheritdoc/>
    protected override async Task RunAsync(CancellationToken stopping)
    {
        await DispatchUntilStoppedAsync(stopping);

        // Every attempt has returned: what this silo claimed and did not settle goes back to the outbox now, so another
        // silo sends it at once instead of after the lease (a clean stop in a rolling upgrade).
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var released = await log.ReleaseOwnLeasesAsync(deadline.Token);
            if (released > 0)
            {
                LogReleased(released);
            }
        }
        catch (Exception ex)
        {
            LogReleaseFailed(ex);
        }
    }

    private async Task DispatchUntilStoppedAsync(CancellationToken stopping)
    {
        var poll = TimeSpan.FromMilliseconds(options.Value.RetryPollMilliseconds);
        var automation = grains.GetGrain<IAutomationGrain>(IAutomationGrain.Key);
        var full = false;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!full)
                {
                    await signal.WaitAsync(poll, stopping);
                }

                // Checked before every batch: switching automation off stops dispatch at once; queued actions stay queued.
                full = (await automation.GetAsync()).Enabled && await outbox.DispatchDueAsync(stopping) >= options.Value.RetryBatchSize;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                full = false;
                LogRoundFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: {Count} claimed actions not yet settled went back to the outbox for another silo to send")]
    private partial void LogReleased(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: could not give claimed actions back to the outbox; they are sent again when their leases end")]
    private partial void LogReleaseFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatching queued actions failed; trying again at the next round")]
    private partial void LogRoundFailed(Exception exception);
}
