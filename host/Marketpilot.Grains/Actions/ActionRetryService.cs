using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketpilot.Grains.Actions;

/// <summary>
/// The background loop that retries pending actions: every <see cref="ActionDispatchOptions.RetryPollMilliseconds"/> it
/// hands the due ones to <see cref="ActionOutbox.RetryDueAsync"/> (at once again while full batches come back).
/// </summary>
/// <param name="outbox">Claims and dispatches due actions.</param>
/// <param name="options">The poll interval and batch size.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">The logger.</param>
public sealed partial class ActionRetryService(
    ActionOutbox outbox,
    IOptions<ActionDispatchOptions> options,
    TimeProvider time,
    ILogger<ActionRetryService> logger) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(options.Value.RetryPollMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var taken = 0;
            try
            {
                taken = await outbox.RetryDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogRoundFailed(ex);
            }

            if (taken < options.Value.RetryBatchSize)
            {
                try
                {
                    await Task.Delay(poll, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Retrying pending actions failed; trying again at the next round")]
    private partial void LogRoundFailed(Exception exception);
}
