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
/// <param name="signal">Wakes the loop.</param>
/// <param name="grains">Reaches the automation switch.</param>
/// <param name="options">The poll interval and batch size.</param>
/// <param name="logger">The logger.</param>
public sealed partial class OutboxDispatcher(
    ActionOutbox outbox,
    OutboxSignal signal,
    IGrainFactory grains,
    IOptions<ActionDispatchOptions> options,
    ILogger<OutboxDispatcher> logger) : SiloLoop
{
    /// <inheritdoc/>
    protected override async Task RunAsync(CancellationToken stopping)
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatching queued actions failed; trying again at the next round")]
    private partial void LogRoundFailed(Exception exception);
}
